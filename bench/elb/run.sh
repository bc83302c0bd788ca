#!/usr/bin/env bash
# ELB benchmark: a Stratus ALB (one listener, one path rule, two nginx backends, round robin)
# beside HAProxy `mode http` over the same backends, and a Stratus NLB TCP listener beside
# HAProxy `mode tcp`, under wrk, in one run. Prints rps, p50/p99 and the ratios.
#   bench/elb/run.sh        (DUR=10 s a measurement, WRK_OPTS="-t1 -c64")
# Pinned like the peers' baselines: every server on core 0, wrk on core 1. Everything listens
# on 127.0.0.0/8, every load is bounded by wrk -d, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/elb/run}
DUR=${DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
B1=25191 B2=25192 HAP_HTTP=25193 HAP_TCP=25194 STRATUS_API=25466 STRATUS_DNS=25353
ALB_PORT=25180 NLB_PORT=25181
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp"
. bench/lib.sh

require nginx nginx; require haproxy haproxy; require wrk wrk; require dig dnsutils; require /usr/bin/aws awscli
install_required

# --- the backends: two nginx servers answering a 21-byte body -------------------------------
start_backends $B1 $B2

# --- the peer: HAProxy, one thread, http round robin and tcp round robin ----------------------
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
    balance roundrobin
    server b1 127.0.0.1:$B1
    server b2 127.0.0.1:$B2
frontend tcp_fe
    mode tcp
    bind 127.0.0.1:$HAP_TCP
    default_backend tcp_be
backend tcp_be
    mode tcp
    balance roundrobin
    server b1 127.0.0.1:$B1
    server b2 127.0.0.1:$B2
CONF

# --- Stratus: an ALB and an NLB made with the AWS CLI -------------------------------------------
start_stratus $STRATUS_API $STRATUS_DNS
vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnets=$(aws ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0:2].SubnetId' --output text)
alb=$(aws elbv2 create-load-balancer --name bench-alb --type application --scheme internal --subnets $subnets \
        --query 'LoadBalancers[0].LoadBalancerArn' --output text)
nlb=$(aws elbv2 create-load-balancer --name bench-nlb --type network --scheme internal --subnets $subnets \
        --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg() { # name protocol -> target group ARN with both backends registered
  local arn
  arn=$(aws elbv2 create-target-group --name "$1" --protocol "$2" --port 80 --target-type ip --vpc-id "$vpc" \
          --query 'TargetGroups[0].TargetGroupArn' --output text)
  aws elbv2 register-targets --target-group-arn "$arn" --targets Id=127.0.0.1,Port=$B1 Id=127.0.0.1,Port=$B2 >/dev/null
  echo "$arn"
}
alb_tg=$(tg bench-http HTTP); nlb_tg=$(tg bench-tcp TCP)
alb_listener=$(aws elbv2 create-listener --load-balancer-arn "$alb" --protocol HTTP --port $ALB_PORT \
        --default-actions 'Type=fixed-response,FixedResponseConfig={StatusCode=404,ContentType=text/plain,MessageBody=none}' \
        --query 'Listeners[0].ListenerArn' --output text)
aws elbv2 create-rule --listener-arn "$alb_listener" --priority 10 \
    --conditions Field=path-pattern,Values='/*' --actions Type=forward,TargetGroupArn="$alb_tg" >/dev/null
aws elbv2 create-listener --load-balancer-arn "$nlb" --protocol TCP --port $NLB_PORT \
    --default-actions Type=forward,TargetGroupArn="$nlb_tg" >/dev/null
node() { # LB ARN -> the first node address, through Stratus's DNS as a client would find it
  local name
  name=$(aws elbv2 describe-load-balancers --load-balancer-arns "$1" --query 'LoadBalancers[0].DNSName' --output text)
  dig +short @127.0.0.1 -p $STRATUS_DNS "$name" A | head -n1
}
ALB_ADDR=$(node "$alb"); NLB_ADDR=$(node "$nlb")
[ -n "$ALB_ADDR" ] && [ -n "$NLB_ADDR" ] || { log "the load balancers' names did not resolve"; exit 1; }
start haproxy haproxy -db -f "$RUN/haproxy.cfg"
wait_tcp 127.0.0.1 $HAP_HTTP; wait_tcp "$ALB_ADDR" $ALB_PORT
# A build without the NLB data plane opens no NLB listener: its lines are then skipped.
wait_tcp "$NLB_ADDR" $NLB_PORT || { log "no NLB listener: skipping the NLB cases"; NLB_ADDR=""; }
for _ in $(seq 1 100); do   # targets start in `initial`: wait until both answer through the ALB
  [ "$(for i in 1 2 3 4; do curl -s "http://$ALB_ADDR:$ALB_PORT/"; done | sort -u | wc -l)" -ge 2 ] && break; sleep 0.2
done

declare -A RPS P50 P99
measure() { # case url
  taskset -c 1 wrk $WRK_OPTS -d2s "$2" >/dev/null 2>&1 || true    # warm-up (and JIT for Stratus)
  taskset -c 1 wrk $WRK_OPTS -d"${DUR}s" --latency "$2" > "$RUN/$1.wrk" 2>&1 || true
  RPS[$1]=$(awk '/Requests\/sec/{print $2}' "$RUN/$1.wrk")
  P50[$1]=$(awk '$1=="50%"{print $2}' "$RUN/$1.wrk")
  P99[$1]=$(awk '$1=="99%"{print $2}' "$RUN/$1.wrk")
  log "$1: ${RPS[$1]} rps, p50 ${P50[$1]}, p99 ${P99[$1]} ($(grep -E 'Non-2xx|Socket errors' "$RUN/$1.wrk" | xargs))"
}
# JIT warm-up of every Stratus case before any is measured. C2 compiles on the core the load
# saturates, and the cases share Netty's code: an NLB run after the ALB's turns call sites the ALB
# made monomorphic into polymorphic ones, C2 deoptimises and compiles again. Warmed one case at a
# time, C2 was still taking 2-3 % of core 0 in the measured seconds (each compile preempts the
# event loop for a scheduler slice, ~3 ms: the p99). Two rounds over all cases leave it near 0.
warm() { taskset -c 1 wrk $WRK_OPTS -d"$1"s "${@:3}" "$2" >/dev/null 2>&1 || true; }
for secs in 20 10; do
  warm $secs "http://$ALB_ADDR:$ALB_PORT/"
  if [ -n "$NLB_ADDR" ]; then
    warm $((secs / 2)) "http://$NLB_ADDR:$NLB_PORT/"
    warm $((secs / 2)) "http://$NLB_ADDR:$NLB_PORT/" -H Connection:close
  fi
done
measure haproxy-http "http://127.0.0.1:$HAP_HTTP/"
measure stratus-alb "http://$ALB_ADDR:$ALB_PORT/"
if [ -n "$NLB_ADDR" ]; then
measure haproxy-tcp "http://127.0.0.1:$HAP_TCP/"
measure stratus-nlb "http://$NLB_ADDR:$NLB_PORT/"
# New connections per second through each L4 proxy: one request per connection.
WRK_OPTS="$WRK_OPTS -H Connection:close" measure haproxy-tcp-conn "http://127.0.0.1:$HAP_TCP/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure stratus-nlb-conn "http://$NLB_ADDR:$NLB_PORT/"
fi

echo "== bench/elb: wrk $WRK_OPTS -d${DUR}s, servers on core 0, wrk on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-22s %12s %10s %10s\n' case rps p50 p99
for k in haproxy-http stratus-alb haproxy-tcp stratus-nlb haproxy-tcp-conn stratus-nlb-conn; do
  printf '%-22s %12s %10s %10s\n' "$k" "${RPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
echo "ALB/HAProxy http rps:             $(ratio "${RPS[stratus-alb]:-}" "${RPS[haproxy-http]:-}")"
echo "NLB/HAProxy tcp rps (keep-alive): $(ratio "${RPS[stratus-nlb]:-}" "${RPS[haproxy-tcp]:-}")"
echo "NLB/HAProxy tcp new connections:  $(ratio "${RPS[stratus-nlb-conn]:-}" "${RPS[haproxy-tcp-conn]:-}")"
