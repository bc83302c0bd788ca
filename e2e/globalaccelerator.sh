#!/usr/bin/env bash
# Global Accelerator built with the AWS CLI v2 against Stratus, carrying real TCP: a local
# backend behind a Network Load Balancer (ip target), an accelerator whose endpoint group in
# us-east-1 names that NLB, a connection through the accelerator's static address, a Route 53
# alias record to the accelerator answered by Stratus's DNS, and the delete order AWS enforces.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 STRATUS_DNS_PORT=5353 e2e/globalaccelerator.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ga() { aws globalaccelerator --region us-west-2 "$@"; }

python3 - "$tmp/backend.port" >/dev/null 2>&1 <<'PY' &
import http.server, sys, os
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"hello through the accelerator\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1])); os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
pids+=($!)
for _ in $(seq 1 50); do [ -s "$tmp/backend.port" ] && break; sleep 0.1; done
backend=$(cat "$tmp/backend.port" 2>/dev/null || true)
[ -n "$backend" ] && ok "backend on 127.0.0.1:$backend" || fail "backend did not start"

vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnet=$(aws ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0].SubnetId' --output text)
port=$(free_port)
name="e2e-ga-$RANDOM"
nlb=$(aws elbv2 create-load-balancer --name "$name" --type network --subnets "$subnet" \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg=$(aws elbv2 create-target-group --name "$name" --protocol TCP --port "$port" --target-type ip --vpc-id "$vpc" \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1,Port="$backend" >/dev/null
aws elbv2 create-listener --load-balancer-arn "$nlb" --protocol TCP --port "$port" \
  --default-actions Type=forward,TargetGroupArn="$tg" >/dev/null
ok "NLB $name with TCP:$port → 127.0.0.1:$backend"

read -r acc dns ip1 ip2 < <(ga create-accelerator --name "$name" \
  --query 'Accelerator.[AcceleratorArn,DnsName,IpSets[0].IpAddresses[0],IpSets[0].IpAddresses[1]]' --output text)
[[ $dns == a*.awsglobalaccelerator.localhost ]] && [[ $ip1 == 127.* ]] && [[ $ip2 == 127.* ]] \
  && ok "create-accelerator → $dns ($ip1, $ip2)" || fail "accelerator: $dns $ip1 $ip2"
listener=$(ga create-listener --accelerator-arn "$acc" --protocol TCP --port-ranges FromPort="$port",ToPort="$port" \
  --query 'Listener.ListenerArn' --output text)
group=$(ga create-endpoint-group --listener-arn "$listener" --endpoint-group-region us-east-1 \
  --endpoint-configurations EndpointId="$nlb",Weight=128 --query 'EndpointGroup.EndpointGroupArn' --output text)
ok "listener TCP:$port, endpoint group us-east-1 → the NLB"

body=""
for _ in $(seq 1 50); do body=$(curl -sf --max-time 2 "http://$ip1:$port/" || true); [ -n "$body" ] && break; sleep 0.2; done
[ "$body" = "hello through the accelerator" ] && ok "curl http://$ip1:$port/ → $body" || fail "through $ip1: '$body'"
body=$(curl -sf --max-time 2 "http://$ip2:$port/" || true)
[ "$body" = "hello through the accelerator" ] && ok "curl http://$ip2:$port/ (second static address) → $body" || fail "through $ip2: '$body'"

answers=$(dig +short @127.0.0.1 -p "$DNS_PORT" "$dns" A | sort | tr '\n' ' ')
[ "$answers" = "$(printf '%s\n' "$ip1" "$ip2" | sort | tr '\n' ' ')" ] && ok "dig $dns → $answers" || fail "dig: '$answers'"
zone=$(aws route53 create-hosted-zone --name "ga-$RANDOM.example.com" --caller-reference "$RANDOM$RANDOM" \
  --query 'HostedZone.[Id,Name]' --output text)
read -r zone_id zone_name <<<"$zone"
aws route53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch "{\"Changes\":[{\"Action\":\"CREATE\",
  \"ResourceRecordSet\":{\"Name\":\"app.$zone_name\",\"Type\":\"A\",\"AliasTarget\":{\"HostedZoneId\":\"Z2BJ6XQ5FK7U4H\",
  \"DNSName\":\"${dns%.awsglobalaccelerator.localhost}.awsglobalaccelerator.com\",\"EvaluateTargetHealth\":false}}}]}" >/dev/null
alias=$(dig +short @127.0.0.1 -p "$DNS_PORT" "app.$zone_name" A | sort | tr '\n' ' ')
[ "$alias" = "$answers" ] && ok "Route 53 alias app.$zone_name → the accelerator's addresses" || fail "alias: '$alias'"

if ga delete-accelerator --accelerator-arn "$acc" 2>"$tmp/err"; then fail "deleted an enabled accelerator"; fi
grep -q AcceleratorNotDisabledException "$tmp/err" && ok "delete while enabled → AcceleratorNotDisabledException" || fail "$(cat "$tmp/err")"
ga update-accelerator --accelerator-arn "$acc" --no-enabled >/dev/null
gone=no
for _ in $(seq 1 50); do curl -s --max-time 1 -o /dev/null "http://$ip1:$port/" || { gone=yes; break; }; sleep 0.1; done
[ $gone = yes ] && ok "disabled accelerator stops listening" || fail "still answers when disabled"
ga delete-endpoint-group --endpoint-group-arn "$group"
ga delete-listener --listener-arn "$listener"
ga delete-accelerator --accelerator-arn "$acc"
ok "delete-endpoint-group, delete-listener, delete-accelerator"
aws elbv2 delete-load-balancer --load-balancer-arn "$nlb"
aws elbv2 delete-target-group --target-group-arn "$tg"
echo "all checks passed"
