#!/usr/bin/env bash
# API Gateway benchmark, in one run:
#  1. an HTTP API (quick create, HTTP_PROXY) and a REST API (HTTP_PROXY on ANY /{proxy+}) in front
#     of one nginx backend, beside HAProxy in front of the same backend, under wrk: rps, p50/p99;
#  2. throttling accuracy: a REST API key in a usage plan of 100 rps, burst 50, under 400 rps of
#     fixed-rate load (rate.py, as wrk2 is not available): accepted rate and burst measured;
#  3. the Lambda round trip (warm): an HTTP API on a Python function, one request at a time.
#   bench/apigateway/run.sh     (DUR=10 s a wrk measurement, WRK_OPTS="-t1 -c64", THROTTLE_DUR=10)
# Pinned like bench/elb: every server on core 0, wrk and rate.py on core 1. Everything listens on
# 127.0.0.0/8, every load is bounded in time, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/apigateway/run}
DUR=${DUR:-10}
THROTTLE_DUR=${THROTTLE_DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
B1=25291 HAP_HTTP=25293 STRATUS_API=25566 STRATUS_DNS=25553
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp"
. bench/lib.sh

require nginx nginx; require haproxy haproxy; require wrk wrk; require dig dnsutils; require zip zip
require python3 python3; require /usr/bin/aws awscli
install_required

# --- the backend: one nginx answering a 21-byte body ------------------------------------------
start_backends $B1

# --- the peer: HAProxy, one thread, http -------------------------------------------------------
cat > "$RUN/haproxy.cfg" <<CONF
global
    nbthread 1
    maxconn 8000
defaults
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend http_fe
    mode http
    option http-keep-alive
    bind 127.0.0.1:$HAP_HTTP
    default_backend http_be
backend http_be
    mode http
    server b1 127.0.0.1:$B1
CONF
start haproxy haproxy -db -f "$RUN/haproxy.cfg"

# --- Stratus, and the APIs made with the AWS CLI ---------------------------------------------
# `start` builds on first use (and after a source change), outside the measurement; `wait` waits for that build too.
# The account throttle (10,000 rps, as AWS's default quota) is raised here, as AWS raises it on
# request, so the throughput cases measure the data plane; ACCOUNT_RATE=10000 measures AWS's default.
export STRATUS_JAVA_OPTS="${STRATUS_JAVA_OPTS:-} -Dstratus.apigateway.accountRate=${ACCOUNT_RATE:-1000000} -Dstratus.apigateway.accountBurst=${ACCOUNT_BURST:-1000000}"
start stratus ./stratus start --ephemeral --port $STRATUS_API --dns-port $STRATUS_DNS
./stratus wait --port $STRATUS_API --host 127.0.0.1 --timeout 600 >/dev/null || { log "Stratus did not start"; tail -20 "$RUN/stratus.log" >&2; exit 1; }
BACKEND="http://127.0.0.1:$B1"

http_api=$(aws apigatewayv2 create-api --name bench-http --protocol-type HTTP --target "$BACKEND" --query ApiId --output text)

rest_api() { # name -> id of a REST API with ANY / and ANY /{proxy+} on HTTP_PROXY to the backend, stage prod
  local id root proxy
  id=$(aws apigateway create-rest-api --name "$1" --endpoint-configuration types=REGIONAL --query id --output text)
  root=$(aws apigateway get-resources --rest-api-id "$id" --query 'items[0].id' --output text)
  proxy=$(aws apigateway create-resource --rest-api-id "$id" --parent-id "$root" --path-part '{proxy+}' --query id --output text)
  for r in "$root" "$proxy"; do
    aws apigateway put-method --rest-api-id "$id" --resource-id "$r" --http-method ANY --authorization-type NONE \
        ${2:+--api-key-required} >/dev/null
    aws apigateway put-integration --rest-api-id "$id" --resource-id "$r" --http-method ANY --type HTTP_PROXY \
        --integration-http-method ANY --uri "$BACKEND/" >/dev/null
  done
  aws apigateway create-deployment --rest-api-id "$id" --stage-name prod >/dev/null
  echo "$id"
}
rest=$(rest_api bench-rest)
metered=$(rest_api bench-metered keyed)
plan=$(aws apigateway create-usage-plan --name bench-plan --throttle burstLimit=50,rateLimit=100 \
        --api-stages apiId="$metered",stage=prod --query id --output text)
key_id=$(aws apigateway create-api-key --name bench-key --enabled --value bench-key-0123456789abcdef --query id --output text)
aws apigateway create-usage-plan-key --usage-plan-id "$plan" --key-id "$key_id" --key-type API_KEY >/dev/null

# Lambda: a Python function behind an HTTP API (quick create), permission for API Gateway.
mkdir -p "$RUN/fn" && cat > "$RUN/fn/app.py" <<'PY'
def handler(event, context):
    return {"statusCode": 200, "headers": {"content-type": "text/plain"}, "body": "hello from lambda\n"}
PY
(cd "$RUN/fn" && zip -q ../fn.zip app.py)
fn_arn=$(aws lambda create-function --function-name bench-fn --runtime python3.12 --handler app.handler \
          --role arn:aws:iam::000000000000:role/bench --zip-file "fileb://$RUN/fn.zip" --query FunctionArn --output text)
aws lambda add-permission --function-name bench-fn --statement-id apigw --action lambda:InvokeFunction \
    --principal apigateway.amazonaws.com >/dev/null
lambda_api=$(aws apigatewayv2 create-api --name bench-lambda --protocol-type HTTP --target "$fn_arn" --query ApiId --output text)

addr() { # API id -> address:port of its own listener: port 80, or the substitute Stratus logged
  # (80 may be refused, or taken by another process on the same loopback address: never guess it).
  local a moved
  a=$(dig +short @127.0.0.1 -p $STRATUS_DNS "$1.execute-api.us-east-1.localhost" A | head -n1)
  [ -n "$a" ] || { log "$1 did not resolve"; return 1; }
  moved=$(grep -o "API Gateway API $1: .* listening on /[0-9.]*:[0-9]*" "$RUN/stratus.log" | sed 's|.*listening on /||' | tail -n1)
  echo "${moved:-$a:80}"
}
sleep 0.5
HTTP_AT=$(addr "$http_api"); REST_AT=$(addr "$rest"); METERED_AT=$(addr "$metered"); LAMBDA_AT=$(addr "$lambda_api")
wait_tcp 127.0.0.1 $HAP_HTTP
for u in "http://127.0.0.1:$HAP_HTTP/" "http://$HTTP_AT/" "http://$REST_AT/prod/"; do
  curl -sf "$u" | grep -q "hello from backend" || { log "$u does not reach the backend: $(curl -s "$u")"; exit 1; }
done
for _ in $(seq 1 50); do curl -sf "http://$LAMBDA_AT/" | grep -q "hello from lambda" && break; sleep 0.2; done
curl -sf "http://$LAMBDA_AT/" | grep -q "hello from lambda" || { log "the Lambda API does not answer: $(curl -s "http://$LAMBDA_AT/")"; exit 1; }

declare -A RPS OK P50 P99
measure() { # case url [wrk options]
  local opts=${3:-$WRK_OPTS}
  taskset -c 1 wrk $opts -d2s "$2" >/dev/null 2>&1 || true    # warm-up (and JIT for Stratus)
  taskset -c 1 wrk $opts -d"${DUR}s" --latency "$2" > "$RUN/$1.wrk" 2>&1 || true
  RPS[$1]=$(awk '/Requests\/sec/{print $2}' "$RUN/$1.wrk")
  OK[$1]=$(awk '/requests in/{n=$1; s=$4; sub(/s,?$/, "", s)} /Non-2xx/{bad=$5} END {if (s > 0) printf "%.2f", (n - bad) / s}' "$RUN/$1.wrk")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$RUN/$1.wrk")
  P99[$1]=$(awk '$1=="99%"{print $2}' "$RUN/$1.wrk")
  log "$1: ${RPS[$1]} rps, p50 ${P50[$1]}, p99 ${P99[$1]} ($(grep -E 'Non-2xx|Socket errors' "$RUN/$1.wrk" | xargs))"
}
# The Lambda round trip first: one request at a time, each a real invocation of the Python runtime.
measure lambda-c1 "http://$LAMBDA_AT/" "-t1 -c1 --timeout 10s"
[ "${RPS[lambda-c1]%%.*}" != "0" ] || log "lambda-c1 answered nothing: $(curl -s -m 10 -o /dev/null -w '%{http_code} in %{time_total}s' "http://$LAMBDA_AT/")"
taskset -c 1 wrk $WRK_OPTS -d5s "http://$HTTP_AT/" >/dev/null 2>&1 || true   # extra JIT warm-up
taskset -c 1 wrk $WRK_OPTS -d5s "http://$REST_AT/prod/" >/dev/null 2>&1 || true
measure haproxy "http://127.0.0.1:$HAP_HTTP/"
measure http-api "http://$HTTP_AT/"
measure rest-api "http://$REST_AT/prod/"
measure nginx-direct-c1 "http://127.0.0.1:$B1/" "-t1 -c1"
LAMBDA_AFTER=$(curl -s -m 10 -o /dev/null -w '%{http_code} in %{time_total}s' "http://$LAMBDA_AT/" || true)
log "Lambda after the loads: $LAMBDA_AFTER"

# --- throttling: 400 rps offered against 100 rps, burst 50 ------------------------------------
sleep 1   # the bucket is full again
mhost=${METERED_AT%:*}; mport=${METERED_AT#*:}
taskset -c 1 python3 bench/apigateway/rate.py "$mhost" "$mport" /prod/ 400 "$THROTTLE_DUR" 32 \
    "x-api-key:bench-key-0123456789abcdef" > "$RUN/throttle.json"
read -r OFFERED OK429 OK2XX RATE_STEADY BURST LATE < <(python3 - "$RUN/throttle.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["slots"]; secs = r["seconds"]
ok = sum(v for k, v in r["status"].items() if 200 <= int(k) < 300)
steady = sum(s[20:int(secs * 10)]) / (secs - 2.0)          # accepted per second after the first 2 s
burst = sum(s[0:5]) - 0.5 * steady                          # accepted in the first 0.5 s beyond the rate
print(r["offered"], r["status"].get("429", 0), ok, f"{steady:.1f}", f"{burst:.0f}", r["late"])
PY
)
log "throttle: offered $OFFERED, 2xx $OK2XX, 429 $OK429, steady $RATE_STEADY rps, burst $BURST (late sends: $LATE)"

echo "== bench/apigateway: wrk $WRK_OPTS -d${DUR}s, servers on core 0, load generators on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-18s %12s %12s %10s %10s\n' case rps 2xx/s p50 p99
for k in haproxy http-api rest-api nginx-direct-c1 lambda-c1; do
  printf '%-18s %12s %12s %10s %10s\n' "$k" "${RPS[$k]:-n/a}" "${OK[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
# API Gateway's account limit (10,000 rps, burst 5,000) answers the excess 429: compare 2xx/s too.
echo "HTTP API/HAProxy rps:  $(ratio "${RPS[http-api]:-}" "${RPS[haproxy]:-}"), 2xx/s $(ratio "${OK[http-api]:-}" "${OK[haproxy]:-}")   (goal >= 0.8)"
echo "REST API/HAProxy rps:  $(ratio "${RPS[rest-api]:-}" "${RPS[haproxy]:-}"), 2xx/s $(ratio "${OK[rest-api]:-}" "${OK[haproxy]:-}")   (goal >= 0.6)"
echo "Throttle 100 rps burst 50 under 400 rps for ${THROTTLE_DUR}s: accepted $RATE_STEADY rps after 2 s" \
     "($(ratio "$RATE_STEADY" 100)x the plan, goal within 5%), burst ~$BURST, 429s $OK429 of $OFFERED"
echo "Lambda round trip (warm, one at a time): p50 ${P50[lambda-c1]:-n/a}, ${RPS[lambda-c1]:-n/a} rps (nginx direct p50 ${P50[nginx-direct-c1]:-n/a}); after the loads: $LAMBDA_AFTER"
