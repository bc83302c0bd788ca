#!/usr/bin/env bash
# WAF benchmark: a Stratus ALB with a web ACL of AWSManagedRulesCommonRuleSet + KnownBadInputs +
# SQLi (AWS's usual baseline, the spirit of OWASP CRS) beside nginx + ModSecurity v3 + OWASP CRS 3.3
# at paranoia level 1 (SecRuleEngine On), both in front of the same nginx backend, in one run:
#  1. throughput under wrk with a mix of benign requests (mix.lua), and the ratio;
#  2. a detection table over the attack / benign corpus of stratus-wafv2's tests
#     (stratus-wafv2/src/test/resources/waf-corpus, sources cited in each file), each payload sent
#     as a query argument and as a form body to both (detect.py): true- and false-positive rates.
#   bench/waf/run.sh        (DUR=10 s a measurement, WRK_OPTS="-t1 -c64")
# Pinned like bench/elb: every server on core 0, wrk on core 1. Everything listens on
# 127.0.0.0/8, every load is bounded by wrk -d, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/waf/run}
DUR=${DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
BACKEND=26191 MODSEC=26193 STRATUS_API=26466 STRATUS_DNS=26353 ALB_PORT=26180
CORPUS=$ROOT/stratus-wafv2/src/test/resources/waf-corpus
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp" "$RUN/modsec-tmp"
. bench/lib.sh

require nginx nginx; require wrk wrk; require dig dnsutils; require python3 python3; require aws awscli
require /usr/lib/nginx/modules/ngx_http_modsecurity_module.so libnginx-mod-http-modsecurity
[ -d /usr/share/modsecurity-crs/rules ] || MISSING+=(modsecurity-crs)
install_required
CRS_VERSION=$(dpkg-query -W -f='${Version}' modsecurity-crs 2>/dev/null || echo unknown)
MSC_VERSION=$(dpkg-query -W -f='${Version}' libmodsecurity3 2>/dev/null || echo unknown)


# --- ModSecurity: the recommended engine settings, rules On, then CRS 3.3 at paranoia level 1 ---
cat > "$RUN/modsec.conf" <<CONF
SecRuleEngine On
SecRequestBodyAccess On
SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\+|/)|text/)xml" \
     "id:'200000',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "^application/json" \
     "id:'200001',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecRequestBodyJsonDepthLimit 512
SecArgumentsLimit 1000
SecRule &ARGS "@ge 1000" "id:'200007',phase:2,t:none,log,deny,status:400"
SecRule REQBODY_ERROR "!@eq 0" "id:'200002',phase:2,t:none,log,deny,status:400"
SecPcreMatchLimit 1000
SecPcreMatchLimitRecursion 1000
SecRule TX:/^MSC_/ "!@streq 0" "id:'200005',phase:2,t:none,deny"
# AWS WAF inspects requests only: no response bodies, no audit log (as in the benchmark's Stratus)
SecResponseBodyAccess Off
SecAuditEngine Off
SecStatusEngine Off
SecTmpDir $RUN/modsec-tmp/
SecDataDir $RUN/modsec-tmp/
SecArgumentSeparator &
SecCookieFormat 0
SecUnicodeMapFile /etc/nginx/unicode.mapping 20127
Include /etc/modsecurity/crs/crs-setup.conf
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1"
Include /usr/share/modsecurity-crs/rules/*.conf
CONF

# --- nginx: the backend (a 3-byte answer to anything), and apart the ModSecurity proxy to it ----
nginx_conf() { # name load-module server-block
  cat <<CONF
$2
worker_processes 1;
daemon off;
pid $RUN/$1.pid;
error_log $RUN/$1.error.log warn;
events { worker_connections 4096; }
http {
  access_log off; server_tokens off; keepalive_timeout 60s; keepalive_requests 1000000;
  client_body_temp_path $RUN/nginx-tmp/$1-body; proxy_temp_path $RUN/nginx-tmp/$1-proxy;
  fastcgi_temp_path $RUN/nginx-tmp/$1-fcgi; uwsgi_temp_path $RUN/nginx-tmp/$1-uwsgi; scgi_temp_path $RUN/nginx-tmp/$1-scgi;
  $3
}
CONF
}
nginx_conf backend "" "server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 \"ok\\n\"; } }" \
  > "$RUN/backend.conf"
nginx_conf modsec "load_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;" "
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  server {
    listen 127.0.0.1:$MODSEC;
    modsecurity on;
    modsecurity_rules_file $RUN/modsec.conf;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }" > "$RUN/modsec-nginx.conf"
for c in backend.conf modsec-nginx.conf; do
  nginx -t -c "$RUN/$c" >"$RUN/$c.t.log" 2>&1 || { cat "$RUN/$c.t.log"; exit 1; }
done
start backend nginx -c "$RUN/backend.conf"; wait_tcp 127.0.0.1 $BACKEND
start modsec nginx -c "$RUN/modsec-nginx.conf"; MODSEC_PID=$!; wait_tcp 127.0.0.1 $MODSEC

# --- Stratus: an ALB to the same backend, a web ACL of the three managed groups, associated ----
# a fresh clone builds first, outside the measurement (`version` never builds, `start` would)
./stratus version >/dev/null 2>&1 || { log "building Stratus"; ./mvnw -q -B -ntp -DskipTests package >"$RUN/build.log" 2>&1; }
start_stratus $STRATUS_API $STRATUS_DNS
vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnets=$(aws ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0:2].SubnetId' --output text)
alb=$(aws elbv2 create-load-balancer --name waf-bench --type application --scheme internal --subnets $subnets \
        --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg=$(aws elbv2 create-target-group --name waf-bench --protocol HTTP --port 80 --target-type ip --vpc-id "$vpc" \
        --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1,Port=$BACKEND >/dev/null
aws elbv2 create-listener --load-balancer-arn "$alb" --protocol HTTP --port $ALB_PORT \
    --default-actions Type=forward,TargetGroupArn="$tg" >/dev/null
managed() { # name priority
  printf '{"Name":"%s","Priority":%d,"Statement":{"ManagedRuleGroupStatement":{"VendorName":"AWS","Name":"%s"}},'\
'"OverrideAction":{"None":{}},"VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"%s"}}' \
    "$1" "$2" "$1" "$1"
}
echo "[$(managed AWSManagedRulesCommonRuleSet 0),$(managed AWSManagedRulesKnownBadInputsRuleSet 1),$(managed AWSManagedRulesSQLiRuleSet 2)]" \
  > "$RUN/rules.json"
acl=$(aws wafv2 create-web-acl --name waf-bench --scope REGIONAL --default-action Allow={} --rules "file://$RUN/rules.json" \
        --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=waf-bench \
        --query 'Summary.ARN' --output text)
aws wafv2 associate-web-acl --web-acl-arn "$acl" --resource-arn "$alb"
name=$(aws elbv2 describe-load-balancers --load-balancer-arns "$alb" --query 'LoadBalancers[0].DNSName' --output text)
ALB_ADDR=$(dig +short @127.0.0.1 -p $STRATUS_DNS "$name" A | head -n1)
[ -n "$ALB_ADDR" ] || { log "the ALB's name did not resolve"; exit 1; }
wait_tcp "$ALB_ADDR" $ALB_PORT
probe() { curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example.com' -A bench "$1/search?q=%27%20OR%201%3D1--"; }
for _ in $(seq 1 100); do   # healthy target, and the web ACL in the ALB's filter slot
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: shop.example.com' -A bench "http://$ALB_ADDR:$ALB_PORT/")" = 200 ] \
    && [ "$(probe "http://$ALB_ADDR:$ALB_PORT")" = 403 ] && break; sleep 0.2
done
[ "$(probe "http://$ALB_ADDR:$ALB_PORT")" = 403 ] || { log "Stratus's web ACL does not block"; exit 1; }
[ "$(probe "http://127.0.0.1:$MODSEC")" = 403 ] || { log "ModSecurity does not block"; exit 1; }

# --- 1. throughput ----------------------------------------------------------------------------
# CPU time the proxy's processes (and their children) used, in clock ticks: with other load on the
# machine, CPU per request says more than requests per second.
ticks() { local t c; t=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0)
          for c in $(pgrep -P "$1"); do t=$((t + $(ticks "$c"))); done; echo "$t"; }
HZ=$(getconf CLK_TCK)
declare -A RPS P50 P99 BAD CPU
measure() { # case url [pid of the proxy: its CPU per request]
  taskset -c 1 wrk $WRK_OPTS -s bench/waf/mix.lua -d2s "$2" >/dev/null 2>&1 || true    # warm-up (and JIT for Stratus)
  local pid=${3:-} before=0 used n
  [ -n "$pid" ] && before=$(ticks "$pid")
  taskset -c 1 wrk $WRK_OPTS -s bench/waf/mix.lua -d"${DUR}s" --latency "$2" > "$RUN/$1.wrk" 2>&1 || true
  n=$(awk '/requests in/{print $1}' "$RUN/$1.wrk")
  CPU[$1]=n/a
  if [ -n "$pid" ]; then
    used=$(( $(ticks "$pid") - before ))
    CPU[$1]=$(awk -v t="$used" -v hz="$HZ" -v n="${n:-0}" 'BEGIN { if (n > 0) printf "%.3f", 1000 * t / hz / n; else print "n/a" }')
  fi
  RPS[$1]=$(awk '/Requests\/sec/{print $2}' "$RUN/$1.wrk")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$RUN/$1.wrk")
  P99[$1]=$(awk '$1=="99%"{print $2}' "$RUN/$1.wrk")
  BAD[$1]=$(awk '/Non-2xx/{print $NF}' "$RUN/$1.wrk"); BAD[$1]=${BAD[$1]:-0}
  log "$1: ${RPS[$1]} rps, p50 ${P50[$1]}, p99 ${P99[$1]}, non-2xx ${BAD[$1]}, CPU ${CPU[$1]} ms/request"
}
taskset -c 1 wrk $WRK_OPTS -s bench/waf/mix.lua -d5s "http://$ALB_ADDR:$ALB_PORT/" >/dev/null 2>&1 || true   # extra JIT warm-up
measure nginx-modsecurity-crs "http://127.0.0.1:$MODSEC/" "$MODSEC_PID"
measure stratus-alb-waf "http://$ALB_ADDR:$ALB_PORT/" "$STRATUS_PID"
measure nginx-backend-direct "http://127.0.0.1:$BACKEND/"

# --- 2. detection -------------------------------------------------------------------------------
python3 bench/waf/detect.py "$CORPUS" "stratus=$ALB_ADDR:$ALB_PORT" "modsec-crs-pl1=127.0.0.1:$MODSEC" > "$RUN/detection.txt"
curl -s "http://127.0.0.1:$STRATUS_API/_stratus/metrics" > "$RUN/stratus-metrics.txt" || true

echo "== bench/waf: wrk $WRK_OPTS -d${DUR}s with bench/waf/mix.lua, servers on core 0, wrk on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
echo "   ModSecurity $MSC_VERSION, OWASP CRS $CRS_VERSION at paranoia level 1; Stratus: CRS + KnownBadInputs + SQLi"
printf '%-24s %12s %10s %10s %8s %14s\n' case rps p50 p99 non-2xx "CPU ms/req"
for k in stratus-alb-waf nginx-modsecurity-crs nginx-backend-direct; do
  printf '%-24s %12s %10s %10s %8s %14s\n' "$k" "${RPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}" "${BAD[$k]:-n/a}" "${CPU[$k]:-n/a}"
done
echo "Stratus ALB + WAF / nginx + ModSecurity CRS rps:                $(ratio "${RPS[stratus-alb-waf]:-}" "${RPS[nginx-modsecurity-crs]:-}")"
echo "nginx + ModSecurity CRS / Stratus ALB + WAF CPU per request:    $(ratio "${CPU[nginx-modsecurity-crs]:-}" "${CPU[stratus-alb-waf]:-}")"
echo
echo "== detection: 403s per corpus file (attacks first, then benign), payload as query argument q= and as form body =="
cat "$RUN/detection.txt"
