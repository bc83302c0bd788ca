#!/usr/bin/env bash
# CloudFront benchmark: cache hits of 1 KiB and 100 KiB objects through a Stratus distribution
# (made with the AWS CLI) beside Varnish and nginx proxy_cache, all in front of the same nginx
# origin, under wrk, in one run; then the herd test: 200 simultaneous requests for one object from
# a slow origin, cold and just expired, counting the origin's fetches in its access log.
#   bench/cloudfront/run.sh        (DUR=10 s a measurement, WRK_OPTS="-t1 -c64", HERD=200,
#                                   STRATUS=0 to run the peers only)
# Pinned like bench/elb: every server on core 0, wrk on core 1. Everything listens on
# 127.0.0.0/8, every load is bounded by wrk -d, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/cloudfront/run}
DUR=${DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
HERD=${HERD:-200}
ORIGIN=26190 NGINX_CACHE=26191 VARNISH=26192 STRATUS_API=26466 STRATUS_DNS=26353
TTL=4   # max-age of the herd objects: the "just expired" herd comes TTL+1 s after the cold one
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp" "$RUN/www/herd" "$RUN/cache"
. bench/lib.sh

require nginx nginx; require wrk wrk; require dig dnsutils; require python3 python3; require /usr/bin/aws awscli
[ -x /usr/sbin/varnishd ] || require varnishd varnish
install_required
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)

# --- the objects: 1 KiB and 100 KiB cached an hour; herd objects of 64 KiB sent at 32 KiB/s -----
head -c 1024 /dev/urandom > "$RUN/www/1k.bin"
head -c 102400 /dev/urandom > "$RUN/www/100k.bin"
for peer in stratus varnish nginx; do head -c 65536 /dev/urandom > "$RUN/www/herd/$peer.bin"; done

# --- the origin (access log = origin fetches) and nginx proxy_cache with proxy_cache_lock --------
cat > "$RUN/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $RUN/nginx.pid;
error_log $RUN/nginx.error.log warn;
events { worker_connections 8192; }
http {
  server_tokens off; keepalive_timeout 60s; keepalive_requests 1000000;
  client_body_temp_path $RUN/nginx-tmp/body; proxy_temp_path $RUN/nginx-tmp/proxy;
  fastcgi_temp_path $RUN/nginx-tmp/fcgi; uwsgi_temp_path $RUN/nginx-tmp/uwsgi; scgi_temp_path $RUN/nginx-tmp/scgi;
  log_format fetch '\$request_uri \$http_user_agent';
  proxy_cache_path $RUN/cache levels=1:2 keys_zone=bench:32m max_size=1g inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:$ORIGIN;
    access_log $RUN/origin.access.log fetch;
    root $RUN/www;
    default_type application/octet-stream;
    location / { add_header Cache-Control "max-age=3600"; }
    location /herd/ { add_header Cache-Control "max-age=$TTL"; limit_rate 32k; }
  }
  server {
    listen 127.0.0.1:$NGINX_CACHE;
    access_log off;
    location / {
      proxy_pass http://127.0.0.1:$ORIGIN;
      proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_cache bench; proxy_cache_lock on; proxy_cache_lock_timeout 30s; proxy_cache_lock_age 30s;
    }
  }
}
CONF
start nginx nginx -c "$RUN/nginx.conf"
wait_tcp 127.0.0.1 $ORIGIN; wait_tcp 127.0.0.1 $NGINX_CACHE

# --- Varnish: default VCL (request coalescing, grace) in front of the origin --------------------
cat > "$RUN/default.vcl" <<VCL
vcl 4.1;
backend origin { .host = "127.0.0.1"; .port = "$ORIGIN"; .first_byte_timeout = 60s; .between_bytes_timeout = 60s; }
VCL
start varnish "$VARNISHD" -F -n "$RUN/varnish" -a 127.0.0.1:$VARNISH -f "$RUN/default.vcl" -s malloc,256m \
  -p thread_pool_min=50 -p thread_pool_max=1000
wait_tcp 127.0.0.1 $VARNISH

# --- Stratus: a distribution with the origin made with the AWS CLI, CachingOptimized ------------
STRATUS_ADDR="" STRATUS_PORT="" STRATUS_HOST=""
if [ "${STRATUS:-1}" != 0 ]; then
start_stratus $STRATUS_API $STRATUS_DNS
cloudfront_config "$RUN/distribution.json" bench/cloudfront $ORIGIN
if read -r dist_id dist_domain < <(aws cloudfront create-distribution --distribution-config "file://$RUN/distribution.json" \
     --query 'Distribution.[Id,DomainName]' --output text 2>"$RUN/create-distribution.err"); then
  timeout 120 /usr/bin/aws --endpoint-url "http://127.0.0.1:$STRATUS_API" cloudfront wait distribution-deployed --id "$dist_id" \
    || log "distribution $dist_id not Deployed after 120 s"
  STRATUS_HOST=${dist_domain%.net}.localhost    # d111.cloudfront.net → d111.cloudfront.localhost
  edge=$(dig +short @127.0.0.1 -p $STRATUS_DNS "$STRATUS_HOST" A | head -n1)
  # the edge's own address on port 80; else the API port, which answers the distribution's name too
  for cand in "$edge:80" "127.0.0.1:$STRATUS_API"; do
    [ "$cand" = ":80" ] && continue
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $STRATUS_HOST" "http://$cand/1k.bin" || true)
    if [ "$code" = 200 ]; then STRATUS_ADDR=${cand%:*}; STRATUS_PORT=${cand##*:}; break; fi
  done
  [ -n "$STRATUS_ADDR" ] && log "Stratus distribution $dist_id ($STRATUS_HOST) at $STRATUS_ADDR:$STRATUS_PORT" \
    || log "Stratus distribution $dist_id is not served (edge '$edge'): skipping the Stratus cases"
else
  log "create-distribution failed ($(head -c 300 "$RUN/create-distribution.err")): skipping the Stratus cases"
fi
fi

declare -A RPS P50 P99
measure() { # case url [host]
  local h=()
  [ -n "${3:-}" ] && h=(-H "Host: $3")
  taskset -c 1 wrk $WRK_OPTS "${h[@]}" -d2s "$2" >/dev/null 2>&1 || true    # warm-up (fills the cache; JIT for Stratus)
  taskset -c 1 wrk $WRK_OPTS "${h[@]}" -d"${DUR}s" --latency "$2" > "$RUN/$1.wrk" 2>&1 || true
  RPS[$1]=$(awk '/Requests\/sec/{print $2}' "$RUN/$1.wrk")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$RUN/$1.wrk")
  P99[$1]=$(awk '$1=="99%"{print $2}' "$RUN/$1.wrk")
  log "$1: ${RPS[$1]} rps, p50 ${P50[$1]}, p99 ${P99[$1]} ($(grep -E 'Non-2xx|Socket errors' "$RUN/$1.wrk" | xargs))"
}
if [ -n "$STRATUS_ADDR" ]; then
  taskset -c 1 wrk $WRK_OPTS -H "Host: $STRATUS_HOST" -d5s "http://$STRATUS_ADDR:$STRATUS_PORT/1k.bin" >/dev/null 2>&1 || true
fi
for size in 1k 100k; do
  measure "varnish-$size" "http://127.0.0.1:$VARNISH/$size.bin"
  measure "nginx-$size" "http://127.0.0.1:$NGINX_CACHE/$size.bin"
  [ -n "$STRATUS_ADDR" ] && measure "stratus-$size" "http://$STRATUS_ADDR:$STRATUS_PORT/$size.bin" "$STRATUS_HOST"
done

# --- the herd: HERD simultaneous requests, cold, then again just after the TTL ------------------
declare -A FETCH
fetches() { grep -c "^/herd/$1.bin " "$RUN/origin.access.log" || true; }
herd() { # peer addr port [host]
  local before
  before=$(fetches "$1")
  log "herd $1 cold: $(taskset -c 1 python3 bench/cloudfront/herd.py "$2" "$3" "/herd/$1.bin" "$HERD" "${4:-$2}")"
  FETCH[$1-cold]=$(( $(fetches "$1") - before ))
  sleep $((TTL + 1))
  before=$(fetches "$1")
  log "herd $1 expired: $(taskset -c 1 python3 bench/cloudfront/herd.py "$2" "$3" "/herd/$1.bin" "$HERD" "${4:-$2}")"
  FETCH[$1-expired]=$(( $(fetches "$1") - before ))
}
herd varnish 127.0.0.1 $VARNISH
herd nginx 127.0.0.1 $NGINX_CACHE
[ -n "$STRATUS_ADDR" ] && herd stratus "$STRATUS_ADDR" "$STRATUS_PORT" "$STRATUS_HOST"
if [ -n "$STRATUS_ADDR" ]; then   # per tier, as `stratus cache` shows it
  curl -s "http://127.0.0.1:$STRATUS_API/_stratus/cloudfront/cache" > "$RUN/stratus-cache.json" || true
fi

echo "== bench/cloudfront: wrk $WRK_OPTS -d${DUR}s, servers on core 0, wrk on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-16s %12s %10s %10s\n' case rps p50 p99
for k in varnish-1k nginx-1k stratus-1k varnish-100k nginx-100k stratus-100k; do
  printf '%-16s %12s %10s %10s\n' "$k" "${RPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
echo "Stratus/Varnish hit rps, 1 KiB:        $(ratio "${RPS[stratus-1k]:-}" "${RPS[varnish-1k]:-}")   (goal >= 1.0)"
echo "Stratus/nginx proxy_cache rps, 100 KiB: $(ratio "${RPS[stratus-100k]:-}" "${RPS[nginx-100k]:-}")   (goal >= 1.0)"
echo "Herd of $HERD, origin fetches (cold / just expired; goal 1 / 1):"
for p in stratus varnish nginx; do
  printf '  %-8s %4s / %s\n' "$p" "${FETCH[$p-cold]:-n/a}" "${FETCH[$p-expired]:-n/a}"
done
[ -s "$RUN/stratus-cache.json" ] && echo "Stratus per tier: $RUN/stratus-cache.json"
exit 0
