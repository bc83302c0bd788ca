#!/usr/bin/env bash
# Global Accelerator benchmark: a Stratus accelerator's TCP listener (one EC2 instance endpoint,
# stratus:host=127.0.0.1, port override to an nginx backend) beside HAProxy `mode tcp` in front of
# the same nginx, and nginx directly, under wrk, in one run: keep-alive rps and new connections
# per second (one request per connection). Prints rps, p50/p99 and the ratios.
# Then UDP packets per second through a GA UDP listener against the same UDP echo server directly
# (HAProxy has no UDP proxy: its community edition proxies TCP and HTTP only), and the emulated-
# delay accuracy: a second Stratus with --emulate-network whose clientLocations put 127.61.0.0/16
# in Sydney; curl from 127.61.0.1 to an ALB in us-east-1 directly and through an accelerator, and
# a CloudFront hit at Sydney's edge, time_connect and the request's round trip
# (time_starttransfer - time_connect) against `stratus latency --from Sydney --to us-east-1`
# (goal within 5 %), and the three paths' proportions (issue 12: within 10 %); and the TLS handshake through
# an HTTPS listener on that ALB (an ACM certificate, RSA 2048), time_appconnect - time_connect
# against one model round trip for TLS 1.3 and two for TLS 1.2.
#   bench/globalaccelerator/run.sh        (DUR=10 s a measurement, WRK_OPTS="-t1 -c64",
#                                          UDP_SOCKETS=16, CURLS=20)
# Pinned like the peers' baselines: every server on core 0, wrk on core 1. Everything listens
# on 127.0.0.0/8, every load is bounded by wrk -d, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/globalaccelerator/run}
DUR=${DUR:-10}
WRK_OPTS=${WRK_OPTS:-"-t1 -c64"}
BACKEND=26191 HAP_TCP=26194 STRATUS_API=26466 STRATUS_DNS=26353 GA_PORT=26180
UDP_BACKEND=26192 GA_UDP_PORT=26181 EMU_API=26467 EMU_DNS=26354 EMU_GA_PORT=26182 EMU_ALB_PORT=26183 EMU_TLS_PORT=26184
UDP_SOCKETS=${UDP_SOCKETS:-16} CURLS=${CURLS:-20}
JAVA=java; [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && JAVA=$JAVA_HOME/bin/java
rm -rf "$RUN"; mkdir -p "$RUN/nginx-tmp"
. bench/lib.sh

require nginx nginx; require haproxy haproxy; require wrk wrk; require /usr/bin/aws awscli; require dig dnsutils
require /usr/sbin/iptables-legacy iptables   # --emulate-network holds SYNs with an NFQUEUE rule (time_connect)
install_required

start_backends $BACKEND

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

start_stratus $STRATUS_API $STRATUS_DNS
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
start udp-echo "$JAVA" bench/globalaccelerator/UdpPps.java echo 127.0.0.1 $UDP_BACKEND
udp_listener=$(aws globalaccelerator --region us-west-2 create-listener --accelerator-arn "$acc" --protocol UDP \
  --port-ranges FromPort=$GA_UDP_PORT,ToPort=$GA_UDP_PORT --query 'Listener.ListenerArn' --output text)
aws globalaccelerator --region us-west-2 create-endpoint-group --listener-arn "$udp_listener" --endpoint-group-region us-east-1 \
  --endpoint-configurations EndpointId="$instance" --port-overrides ListenerPort=$GA_UDP_PORT,EndpointPort=$UDP_BACKEND >/dev/null
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
# JIT warm-up of both GA cases, twice round, before either is measured (as bench/elb: C2 compiling
# again after the other case's turn preempts the event loop in the measured seconds, the p99).
for secs in 15 8; do
  taskset -c 1 wrk $WRK_OPTS -d"$secs"s "http://$ip:$GA_PORT/" >/dev/null 2>&1 || true
  taskset -c 1 wrk $WRK_OPTS -d"$secs"s -H Connection:close "http://$ip:$GA_PORT/" >/dev/null 2>&1 || true
done
measure direct "http://127.0.0.1:$BACKEND/"
measure haproxy-tcp "http://127.0.0.1:$HAP_TCP/"
measure stratus-ga "http://$ip:$GA_PORT/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure direct-conn "http://127.0.0.1:$BACKEND/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure haproxy-tcp-conn "http://127.0.0.1:$HAP_TCP/"
WRK_OPTS="$WRK_OPTS -H Connection:close" measure stratus-ga-conn "http://$ip:$GA_PORT/"

declare -A PPS
measure_udp() { # case host port
  taskset -c 1 "$JAVA" bench/globalaccelerator/UdpPps.java load "$2" "$3" 2 "$UDP_SOCKETS" >/dev/null 2>&1 || true   # warm-up
  taskset -c 1 "$JAVA" bench/globalaccelerator/UdpPps.java load "$2" "$3" "$DUR" "$UDP_SOCKETS" > "$RUN/$1.udp" 2>&1 || true
  PPS[$1]=$(awk '{print $2}' "$RUN/$1.udp"); P50[$1]=$(awk '{print $4}' "$RUN/$1.udp"); P99[$1]=$(awk '{print $6}' "$RUN/$1.udp")
  log "$1: $(cat "$RUN/$1.udp")"
}
measure_udp direct-udp 127.0.0.1 $UDP_BACKEND
measure_udp stratus-ga-udp "$ip" $GA_UDP_PORT

# --- emulated-delay accuracy: a second Stratus, --emulate-network, 127.61.0.0/16 in Sydney
cat > "$RUN/emulate.json" <<CONF
{"clientLocations": [{"cidr": "127.61.0.0/16", "city": "Sydney"}], "emulateNetwork": true}
CONF
start stratus-emulated ./stratus start --ephemeral --port $EMU_API --dns-port $EMU_DNS --emulate-network --config "$RUN/emulate.json"
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$EMU_API/_stratus/health" >/dev/null && break; sleep 0.1; done
emu() { /usr/bin/aws --endpoint-url "http://127.0.0.1:$EMU_API" "$@"; }
vpc=$(emu ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnets=$(emu ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0:2].SubnetId' --output text)
alb=$(emu elbv2 create-load-balancer --name emu-alb --type application --subnets $subnets \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg=$(emu elbv2 create-target-group --name emu-tg --protocol HTTP --port 80 --target-type ip --vpc-id "$vpc" \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
emu elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1,Port=$BACKEND >/dev/null
emu elbv2 create-listener --load-balancer-arn "$alb" --protocol HTTP --port $EMU_ALB_PORT \
  --default-actions Type=forward,TargetGroupArn="$tg" >/dev/null
cert=$(emu acm request-certificate --domain-name app.example.com --query CertificateArn --output text)
emu elbv2 create-listener --load-balancer-arn "$alb" --protocol HTTPS --port $EMU_TLS_PORT \
  --certificates CertificateArn="$cert" --default-actions Type=forward,TargetGroupArn="$tg" >/dev/null
alb_name=$(emu elbv2 describe-load-balancers --load-balancer-arns "$alb" --query 'LoadBalancers[0].DNSName' --output text)
ALB_ADDR=$(dig +short @127.0.0.1 -p $EMU_DNS "$alb_name" A | head -n1)
# GA in front of an instance endpoint (nginx), so only the accelerator's hops are emulated on that path
emu_subnet=$(emu ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'Subnets[0].SubnetId' --output text)
emu_instance=$(emu ec2 run-instances --image-id ami-12345678 --instance-type t3.micro --subnet-id "$emu_subnet" \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=stratus:host,Value=127.0.0.1}]' --query 'Instances[0].InstanceId' --output text)
read -r emu_acc emu_ip < <(emu globalaccelerator --region us-west-2 create-accelerator --name emu \
  --query 'Accelerator.[AcceleratorArn,IpSets[0].IpAddresses[0]]' --output text)
emu_listener=$(emu globalaccelerator --region us-west-2 create-listener --accelerator-arn "$emu_acc" --protocol TCP \
  --port-ranges FromPort=$EMU_GA_PORT,ToPort=$EMU_GA_PORT --query 'Listener.ListenerArn' --output text)
emu globalaccelerator --region us-west-2 create-endpoint-group --listener-arn "$emu_listener" --endpoint-group-region us-east-1 \
  --endpoint-configurations EndpointId="$emu_instance" --port-overrides ListenerPort=$EMU_GA_PORT,EndpointPort=$BACKEND >/dev/null
wait_tcp "$ALB_ADDR" $EMU_ALB_PORT; wait_tcp "$ALB_ADDR" $EMU_TLS_PORT; wait_tcp "$emu_ip" $EMU_GA_PORT
for _ in $(seq 1 100); do curl -sf --interface 127.61.0.1 "http://$ALB_ADDR:$EMU_ALB_PORT/" >/dev/null && break; sleep 0.2; done
MODEL=$(./stratus latency --from Sydney --to us-east-1)
MODEL_DIRECT=$(echo "$MODEL" | awk '/^public internet/{for (i=1;i<=NF;i++) if ($i=="ms" && $(i+1)=="RTT") print $(i-1)}')
MODEL_GA=$(echo "$MODEL" | awk '/^via nearest edge/{for (i=1;i<=NF;i++) if ($i=="ms" && $(i+1)=="RTT") print $(i-1)}')
MODEL_EDGE=$(echo "$MODEL" | awk '/^via nearest edge/{for (i=1;i<=NF;i++) if ($i=="internet") { print $(i+1); exit }}')
MODEL_BACKBONE=$(echo "$MODEL" | awk '/^via nearest edge/{for (i=1;i<=NF;i++) if ($i=="backbone") { print $(i+1); exit }}')
# Through GA a new connection's first bytes also wait at the edge for its own connection to the
# endpoint: max(0, backbone RTT - edge RTT) (stratus plan's formula, emulated by GA's data plane).
MODEL_GA_FIRST=$(awk -v v="$MODEL_GA" -v b="$MODEL_BACKBONE" -v e="$MODEL_EDGE" 'BEGIN { w = b - e; if (w < 0) w = 0; printf "%.1f", v + w }')
declare -A CONNECT FIRST TOTAL REQUEST
measure_curl() { # case curl-args...: medians over CURLS requests, each on a new connection from "Sydney"
  local name=$1 i; shift
  for i in $(seq 1 "$CURLS"); do
    curl -s -o /dev/null --interface 127.61.0.1 -w '%{time_connect} %{time_starttransfer} %{time_total}\n' "$@"
  done > "$RUN/$name.curl"
  CONNECT[$name]=$(awk '{print $1*1000}' "$RUN/$name.curl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  FIRST[$name]=$(awk '{print $2*1000}' "$RUN/$name.curl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  TOTAL[$name]=$(awk '{print $3*1000}' "$RUN/$name.curl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  # the request's own round trip: first byte less the handshake, per connection
  REQUEST[$name]=$(awk '{print ($2-$1)*1000}' "$RUN/$name.curl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  log "$name: connect ${CONNECT[$name]} ms, first byte ${FIRST[$name]} ms, total ${TOTAL[$name]} ms (medians of $CURLS)"
}
measure_curl sydney-alb-direct "http://$ALB_ADDR:$EMU_ALB_PORT/"
declare -A HANDSHAKE
measure_tls() { # case curl-args...: median of time_appconnect - time_connect over CURLS new connections
  local name=$1 i; shift
  for i in $(seq 1 "$CURLS"); do
    curl -sk -o /dev/null --interface 127.61.0.1 -w '%{time_connect} %{time_appconnect}\n' "$@"
  done > "$RUN/$name.curl"
  HANDSHAKE[$name]=$(awk '{print ($2-$1)*1000}' "$RUN/$name.curl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  log "$name: TLS handshake ${HANDSHAKE[$name]} ms (median of $CURLS)"
}
# The JDK's TLS code warm first (C2), from 127.0.0.1: no city, so the default location, us-east-1: barely delayed.
for _ in $(seq 1 200); do curl -sk -o /dev/null "https://$ALB_ADDR:$EMU_TLS_PORT/"; curl -sk -o /dev/null --tls-max 1.2 "https://$ALB_ADDR:$EMU_TLS_PORT/"; done
measure_tls sydney-alb-tls13 --tlsv1.3 "https://$ALB_ADDR:$EMU_TLS_PORT/"
measure_tls sydney-alb-tls12 --tlsv1.2 --tls-max 1.2 "https://$ALB_ADDR:$EMU_TLS_PORT/"
measure_curl sydney-via-ga "http://$emu_ip:$EMU_GA_PORT/"
# CloudFront over the same nginx: a hit at Sydney's edge pays the edge's round trip alone
cloudfront_config "$RUN/distribution.json" bench/globalaccelerator $BACKEND
emu_domain=$(emu cloudfront create-distribution --distribution-config "file://$RUN/distribution.json" \
  --query 'Distribution.DomainName' --output text)
EDGE_HTTP=$(./stratus endpoints --port $EMU_API | awk '/^CloudFront edge/ && $(NF-1) == "http" { print $NF; exit }')
for _ in $(seq 1 100); do curl -sf -o /dev/null -H "Host: $emu_domain" "http://$EDGE_HTTP/" && break; sleep 0.2; done
for _ in 1 2 3; do curl -s -o /dev/null --interface 127.61.0.1 -H "Host: $emu_domain" "http://$EDGE_HTTP/"; done # Sydney's edge's miss
measure_curl sydney-cloudfront-hit -H "Host: $emu_domain" "http://$EDGE_HTTP/"

echo "== bench/globalaccelerator: wrk $WRK_OPTS -d${DUR}s, servers on core 0, wrk on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-22s %12s %10s %10s\n' case rps p50 p99
for k in direct haproxy-tcp stratus-ga direct-conn haproxy-tcp-conn stratus-ga-conn; do
  printf '%-22s %12s %10s %10s\n' "$k" "${RPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
echo "GA/HAProxy tcp rps (keep-alive): $(ratio "${RPS[stratus-ga]:-}" "${RPS[haproxy-tcp]:-}")"
echo "GA/HAProxy tcp new connections:  $(ratio "${RPS[stratus-ga-conn]:-}" "${RPS[haproxy-tcp-conn]:-}")"
echo
echo "UDP, $UDP_SOCKETS sockets each with one 64-byte datagram in flight, ${DUR}s (HAProxy: no UDP proxy, so GA is compared with direct):"
printf '%-22s %12s %10s %10s\n' case pps p50 p99
for k in direct-udp stratus-ga-udp; do
  printf '%-22s %12s %10s %10s\n' "$k" "${PPS[$k]:-n/a}" "${P50[$k]:-n/a}" "${P99[$k]:-n/a}"
done
echo "GA/direct UDP pps: $(ratio "${PPS[stratus-ga-udp]:-}" "${PPS[direct-udp]:-}")"
echo
err() { awk -v m="${1:-0}" -v x="${2:-0}" 'BEGIN { if (x > 0) printf "%+.1f %%", (m - x) / x * 100; else print "n/a" }'; }
echo "Emulated delay, client 127.61.0.1 (Sydney) -> us-east-1, medians of $CURLS new connections (ms):"
printf '%-22s %9s %9s %8s %9s %9s %8s %9s\n' path connect model err request model err total
row() { # label case connect-model request-model
  printf '%-22s %9s %9s %8s %9s %9s %8s %9s\n' "$1" "${CONNECT[$2]:-n/a}" "${3:-n/a}" "$(err "${CONNECT[$2]:-}" "$3")" \
    "${REQUEST[$2]:-n/a}" "${4:-n/a}" "$(err "${REQUEST[$2]:-}" "$4")" "${TOTAL[$2]:-n/a}"
}
row "ALB direct (internet)" sydney-alb-direct "$MODEL_DIRECT" "$MODEL_DIRECT"
row "via GA (edge+backbone)" sydney-via-ga "$MODEL_EDGE" "$MODEL_GA_FIRST"
row "CloudFront hit (edge)" sydney-cloudfront-hit "$MODEL_EDGE" "$MODEL_EDGE"
ratio_err() { # measured-a measured-b model-a model-b
  awk -v a="${1:-0}" -v b="${2:-0}" -v x="${3:-0}" -v y="${4:-0}" 'BEGIN {
    if (a > 0 && b > 0 && x > 0 && y > 0) printf "%.2f (model %.2f, %+.1f %%)", a / b, x / y, ((a / b) / (x / y) - 1) * 100; else print "n/a" }'
}
echo "new connection to first byte, direct ÷ via GA:      $(ratio_err "${FIRST[sydney-alb-direct]:-}" "${FIRST[sydney-via-ga]:-}" \
  "$(awk -v d="$MODEL_DIRECT" 'BEGIN { print 2 * d }')" "$(awk -v e="$MODEL_EDGE" -v g="$MODEL_GA_FIRST" 'BEGIN { print e + g }')")"
echo "new connection to first byte, direct ÷ CloudFront hit: $(ratio_err "${FIRST[sydney-alb-direct]:-}" "${FIRST[sydney-cloudfront-hit]:-}" \
  "$(awk -v d="$MODEL_DIRECT" 'BEGIN { print 2 * d }')" "$(awk -v e="$MODEL_EDGE" 'BEGIN { print 2 * e }')")"
echo "(connect: the SYN is held for the round trip to whoever ends TCP, the Region directly, the edge through GA;"
echo " Stratus holds it where it may install an NFQUEUE rule (Linux, root, iptables), else connect reads ~0."
echo " request: first byte less connect, one modelled round trip end to end; via GA plus the edge's wait for its"
echo " own connection to the endpoint, max(0, backbone RTT - edge RTT) = $MODEL_GA_FIRST - $MODEL_GA ms)"
echo
echo "TLS handshake through the ALB's HTTPS listener (time_appconnect - time_connect, RSA 2048 certificate), medians (ms):"
printf '%-22s %9s %9s %8s\n' handshake measured model err
MODEL_TLS12=$(awk -v r="$MODEL_DIRECT" 'BEGIN { printf "%.1f", 2 * r }')
printf '%-22s %9s %9s %8s\n' "TLS 1.3 (one RTT)" "${HANDSHAKE[sydney-alb-tls13]:-n/a}" "$MODEL_DIRECT" "$(err "${HANDSHAKE[sydney-alb-tls13]:-}" "$MODEL_DIRECT")"
printf '%-22s %9s %9s %8s\n' "TLS 1.2 (two RTTs)" "${HANDSHAKE[sydney-alb-tls12]:-n/a}" "$MODEL_TLS12" "$(err "${HANDSHAKE[sydney-alb-tls12]:-}" "$MODEL_TLS12")"
echo "(above the model: the handshake's CPU, the JDK's TLS at Stratus's end, ~5 ms a handshake warm on 2 cores)"
