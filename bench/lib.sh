# What every bench/*/run.sh shares. Source it after `cd` to the repository root and setting RUN:
#   . bench/lib.sh
# Servers started with `start` are pinned to core 0 (the load generator takes core 1, as in the
# peers' baselines) and stopped on exit; everything listens on 127.0.0.0/8.
PIDS=()
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
stop_all() { local p; for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
             for p in "${PIDS[@]}"; do timeout 10 tail --pid="$p" -f /dev/null 2>/dev/null || kill -KILL "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop_all EXIT

# require THING PACKAGE: PACKAGE is installed by install_required unless THING is there (a
# program on PATH, or a file's path). A fresh machine gets every peer this way.
MISSING=()
require() { type -P "$1" >/dev/null || [ -e "$1" ] || MISSING+=("$2"); }
install_required() {
  [ ${#MISSING[@]} -gt 0 ] || return 0
  log "installing ${MISSING[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
  MISSING=()
}

# start NAME COMMAND...: runs a server on core 0, its output in $RUN/NAME.log, stopped on exit.
start() { local name=$1; shift; taskset -c 0 "$@" >"$RUN/$name.log" 2>&1 & PIDS+=($!); }

wait_tcp() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.1; done; log "$1:$2 not listening"; return 1; }

# start_backends PORT...: one nginx (core 0) serving each port on 127.0.0.1; the n-th answers the
# 21-byte "hello from backend n". Needs $RUN/nginx-tmp.
start_backends() {
  local servers="" n=0 port
  for port in "$@"; do
    n=$((n + 1))
    servers+="  server { listen 127.0.0.1:$port; location / { default_type text/plain; return 200 \"hello from backend $n\\n\"; } }"$'\n'
  done
  cat > "$RUN/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $RUN/nginx.pid;
error_log $RUN/nginx.error.log warn;
events { worker_connections 4096; }
http {
  access_log off; server_tokens off; keepalive_timeout 60s; keepalive_requests 1000000;
  client_body_temp_path $RUN/nginx-tmp/body; proxy_temp_path $RUN/nginx-tmp/proxy;
  fastcgi_temp_path $RUN/nginx-tmp/fcgi; uwsgi_temp_path $RUN/nginx-tmp/uwsgi; scgi_temp_path $RUN/nginx-tmp/scgi;
$servers}
CONF
  start nginx nginx -c "$RUN/nginx.conf"
  for port in "$@"; do wait_tcp 127.0.0.1 "$port"; done
}

# start_stratus API_PORT DNS_PORT [ARGS...]: builds on first use (outside any measurement), starts
# an ephemeral Stratus on core 0, waits for its health page, and points `aws` at it.
start_stratus() {
  local api=$1 dns=$2; shift 2
  ./stratus latency --from Sydney --to us-east-1 >/dev/null   # builds; `version` never does
  start stratus ./stratus start --ephemeral --port "$api" --dns-port "$dns" "$@"
  STRATUS_PID=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$api/_stratus/health" >/dev/null && return 0; sleep 0.1; done
  log "stratus did not answer on $api"; return 1
}
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
# The AWS CLI against the Stratus on $STRATUS_API (Debian's /usr/bin/aws, else the one on PATH).
aws() { local cli=/usr/bin/aws; [ -x "$cli" ] || cli=$(type -P aws); "$cli" --endpoint-url "http://127.0.0.1:$STRATUS_API" "$@"; }

# ratio A B: A / B to two decimals, n/a when either is missing or zero.
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# cloudfront_config FILE COMMENT PORT: a distribution config over the origin on localhost:PORT
# (http-only, as the bench's nginx), CachingOptimized, for `aws cloudfront create-distribution`.
cloudfront_config() {
  cat > "$1" <<JSON
{"CallerReference": "bench-$$-$(date +%s%N)", "Comment": "$2", "Enabled": true,
 "Origins": {"Quantity": 1, "Items": [{"Id": "nginx", "DomainName": "localhost",
   "CustomOriginConfig": {"HTTPPort": $3, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}}]},
 "DefaultCacheBehavior": {"TargetOriginId": "nginx", "ViewerProtocolPolicy": "allow-all",
   "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}}
JSON
}
