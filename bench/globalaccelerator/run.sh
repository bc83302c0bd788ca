#!/usr/bin/env bash
# Global Accelerator benchmark: a Stratus accelerator's TCP listener (one EC2 instance endpoint,
# stratus:host=127.0.0.1, port override to an nginx backend) beside HAProxy `mode tcp` in front of
# the same nginx, and nginx directly, under wrk, in one run: keep-alive rps and new connections
# per second (one request per connection). Prints rps, p50/p99 and the ratios.
#   bench/globalaccelerator/run.sh        (DUR=10 s a measurement, WRK_OPTS="-t1 -c64")
# Pinned like the peers' baselines: every server on core 0, wrk on core 1. Everything listens
# on 127.0.0.0/8, every load is bounded by wrk -d, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/globalaccelerator/run}
DUR=${DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
BACKEND=26191 HAP_TCP=26194 STRATUS_API=26466 STRATUS_DNS=26353 GA_PORT=26180
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp"
PIDS=()
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
stop_all() { local p; for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
             for p in "${PIDS[@]}"; do timeout 10 tail --pid="$p" -f /dev/null 2>/dev/null || kill -KILL "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop_all EXIT

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v haproxy >/dev/null || need+=(haproxy)
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/bin/aws ] || need+=(awscli)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

start() { local name=$1; shift; taskset -c 0 "$@" >"$RUN/$name.log" 2>&1 & PIDS+=($!); }
wait_tcp() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.1; done; log "$1:$2 not listening"; return 1; }

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
  server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 "hello from the backend\n"; } }
}
CONF
start nginx nginx -c "$RUN/nginx.conf"
wait_tcp 127.0.0.1 $BACKEND

cat > "$RUN/haproxy.cfg" <<CONF
global
    nbthread 1
    maxconn 8000
defaults
    timeout connect 5s
    timeout client 340s
    timeout server 340s
frontend tcp_fe
    mode tcp
    bind 127.0.0.1:$HAP_TCP
    default_backend tcp_be
backend tcp_be
    mode tcp
    server b1 127.0.0.1:$BACKEND
CONF
start haproxy haproxy -db -f "$RUN/haproxy.cfg"

./stratus latency --from Sydney --to us-east-1 >/dev/null   # builds on first use (`version` never builds), outside the measurement
start stratus ./stratus start --ephemeral --port $STRATUS_API --dns-port $STRATUS_DNS
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$STRATUS_API/_stratus/health" >/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { /usr/bin/aws --endpoint-url "http://127.0.0.1:$STRATUS_API" "$@"; }
subnet=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[0].SubnetId' --output text)
instance=$(aws ec2 run-instances --image-id ami-12345678 --instance-type t3.micro --subnet-id "$subnet" \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=stratus:host,Value=127.0.0.1}]' \
  --query 'Instances[0].InstanceId' --output text)
read -r acc ip < <(aws globalaccelerator --region us-west-2 create-accelerator --name bench \
  --query 'Accelerator.[AcceleratorArn,IpSets[0].IpAddresses[0]]' --output text)
listener=$(aws globalaccelerator --region us-west-2 create-listener --accelerator-arn "$acc" --protocol TCP \
  --port-ranges FromPort=$GA_PORT,ToPort=$GA_PORT --query 'Listener.ListenerArn' --output text)
aws globalaccelerator --region us-west-2 create-endpoint-group --listener-arn "$listener" --endpoint-group-region us-east-1 \
  --endpoint-configurations EndpointId="$instance" --port-overrides ListenerPort=$GA_PORT,EndpointPort=$BACKEND >/dev/null
wait_tcp "$ip" $GA_PORT; wait_tcp 127.0.0.1 $HAP_TCP
for _ in $(seq 1 50); do curl -sf "http://$ip:$GA_PORT/" >/dev/null && break; sleep 0.1; done

declare -A RPS P50 P99
measure() { # case url
  taskset -c 1 wrk $WRK_OPTS -d2s "$2" >/dev/null 2>&1 || true    # warm-up (and JIT for Stratus)
  taskset -c 1 wrk $WRK_OPTS -d"${DUR}s" --latency "$2" > "$RUN/$1.wrk" 2>&1 || true
  RPS[$1]=$(awk '/Requests\/sec/{print $2}' "$RUN/$1.wrk")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$RUN/$1.wrk")
  P99[$1]=$(awk '$1=="99%"{print $2}' "$RUN/$1.wrk")
  log "$1: ${RPS[$1]} rps, p50 ${P50[$1]}, p99 ${P99[$1]} ($(grep -E 'Non-2xx|Socket errors' "$RUN/$1.wrk" | xargs))"
}
taskset -c 1 wrk $WRK_OPTS -d5s "http://$ip:$GA_PORT/" >/dev/null 2>&1 || true   # extra JIT warm-up
measure direct "http://127.0.0.1:$BACKEND/"
measure haproxy-tcp "http://127.0.0.1:$HAP_TCP/"
measure stratus-ga "http://$ip:$GA_PORT/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure direct-conn "http://127.0.0.1:$BACKEND/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure haproxy-tcp-conn "http://127.0.0.1:$HAP_TCP/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure stratus-ga-conn "http://$ip:$GA_PORT/"

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "== bench/globalaccelerator: wrk $WRK_OPTS -d${DUR}s, servers on core 0, wrk on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-22s %12s %10s %10s\n' case rps p50 p99
for k in direct haproxy-tcp stratus-ga direct-conn haproxy-tcp-conn stratus-ga-conn; do
  printf '%-22s %12s %10s %10s\n' "$k" "${RPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
echo "GA/HAProxy tcp rps (keep-alive): $(ratio "${RPS[stratus-ga]:-}" "${RPS[haproxy-tcp]:-}")"
echo "GA/HAProxy tcp new connections:  $(ratio "${RPS[stratus-ga-conn]:-}" "${RPS[haproxy-tcp-conn]:-}")"
