#!/usr/bin/env bash
# An Application Load Balancer built with the AWS CLI v2 against Stratus, carrying real traffic:
# two local backends as ip targets, a path rule and a fixed-response default, the LB's DNS name
# resolved through Stratus's DNS server, curl through the node address and through the API port
# by Host header, and the listener gone after delete-load-balancer.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 STRATUS_DNS_PORT=5353 e2e/elb-alb.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

backend() { # name: a tiny HTTP server on 127.0.0.1 answering "hello from <name>"; its port goes to $tmp/<name>.port
  python3 - "$1" "$tmp/$1.port" >/dev/null 2>&1 <<'PY' &
import http.server, sys
name, portfile = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = ("hello from %s\n" % name).encode()
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(portfile + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(portfile + ".tmp", portfile)
s.serve_forever()
PY
  pids+=($!)
}
backend one; backend two
for _ in $(seq 1 50); do [ -s "$tmp/one.port" ] && [ -s "$tmp/two.port" ] && break; sleep 0.1; done
p1=$(cat "$tmp/one.port" 2>/dev/null || true); p2=$(cat "$tmp/two.port" 2>/dev/null || true)
[ -n "$p1" ] && [ -n "$p2" ] && ok "backends on 127.0.0.1:$p1 and :$p2" || fail "backends did not start"

vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnets=$(aws ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0:2].SubnetId' --output text)
name="e2e-alb-$RANDOM"
read -r lb dns < <(aws elbv2 create-load-balancer --name "$name" --type application --scheme internal --subnets $subnets \
  --query 'LoadBalancers[0].[LoadBalancerArn,DNSName]' --output text)
[[ $dns == internal-$name-*.us-east-1.elb.localhost ]] && ok "create-load-balancer → $dns" || fail "DNS name $dns"
tg=$(aws elbv2 create-target-group --name "$name" --protocol HTTP --port 80 --target-type ip --vpc-id "$vpc" \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1,Port="$p1" Id=127.0.0.1,Port="$p2" >/dev/null
port=$(free_port)
listener=$(aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port "$port" \
  --default-actions 'Type=fixed-response,FixedResponseConfig={StatusCode=404,ContentType=text/plain,MessageBody=not here}' \
  --query 'Listeners[0].ListenerArn' --output text)
aws elbv2 create-rule --listener-arn "$listener" --priority 10 --conditions Field=path-pattern,Values='/api/*' \
  --actions Type=forward,TargetGroupArn="$tg" >/dev/null
ok "listener HTTP:$port with a /api/* rule"

addr=$(dig +short @127.0.0.1 -p "$DNS_PORT" "$dns" A | head -n1)
[[ $addr == 127.* ]] && ok "dig $dns → $addr" || fail "the LB name did not resolve: '$addr'"
aws_name=${dns%.elb.localhost}.elb.amazonaws.com
[ "$(dig +short @127.0.0.1 -p "$DNS_PORT" "$aws_name" A | sort)" = "$(dig +short @127.0.0.1 -p "$DNS_PORT" "$dns" A | sort)" ] \
  && ok "dig $aws_name answers the same nodes" || fail "AWS's form of the name"

for _ in $(seq 1 50); do curl -s -o /dev/null "http://$addr:$port/" && break; sleep 0.1; done
seen=$(for _ in 1 2 3 4; do curl -sf "http://$addr:$port/api/hello"; done | sort -u | tr '\n' ',')
[ "$seen" = "hello from one,hello from two," ] && ok "curl http://$addr:$port/api/hello → both targets" || fail "round robin: $seen"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' "http://$addr:$port/other")
[ "$code" = 404 ] && [ "$(cat "$tmp/body")" = "not here" ] && ok "default rule → fixed-response 404" || fail "default: $code $(cat "$tmp/body")"
via_api=$(curl -sf -H "Host: $dns" "$ENDPOINT/api/hello")
[[ $via_api == "hello from "* ]] && ok "curl $ENDPOINT with Host: $dns → $via_api" || fail "API port by Host: $via_api"

aws elbv2 delete-load-balancer --load-balancer-arn "$lb"
gone=no
for _ in $(seq 1 50); do curl -s -o /dev/null "http://$addr:$port/" || { gone=yes; break; }; sleep 0.1; done
[ $gone = yes ] && ok "delete-load-balancer closes the listener" || fail "the listener still answers"
aws elbv2 delete-target-group --target-group-arn "$tg"
echo "all checks passed"
