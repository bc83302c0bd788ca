#!/usr/bin/env bash
# HTTPS on an Application Load Balancer with an ACM certificate, through the AWS CLI v2 and curl:
# request-certificate (issued by the Stratus CA at once, DNS validation record shown), an HTTPS
# listener that curl verifies with --cacert <(curl -s $ENDPOINT/_stratus/ca.pem), HTTP/2 over ALPN,
# an HTTP listener redirecting to HTTPS followed with curl -L, SNI choosing a second certificate,
# and delete-certificate refused while the listener uses it.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 STRATUS_DNS_PORT=5353 e2e/elb-https.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

python3 - "$tmp/one.port" >/dev/null 2>&1 <<'PY' &
import http.server, sys
portfile = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = ("hello over %s port %s\n" % (self.headers.get("X-Forwarded-Proto"), self.headers.get("X-Forwarded-Port"))).encode()
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(portfile + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(portfile + ".tmp", portfile)
s.serve_forever()
PY
pids+=($!)
for _ in $(seq 1 50); do [ -s "$tmp/one.port" ] && break; sleep 0.1; done
p1=$(cat "$tmp/one.port" 2>/dev/null || true)
[ -n "$p1" ] && ok "backend on 127.0.0.1:$p1" || fail "backend did not start"

curl -sf "$ENDPOINT/_stratus/ca.pem" > "$tmp/ca.pem"
openssl x509 -in "$tmp/ca.pem" -noout -subject | grep -q "Stratus Local CA" && ok "GET /_stratus/ca.pem → the Stratus CA" || fail "ca.pem"

domain="app-$RANDOM.e2e.test"
cert=$(aws acm request-certificate --domain-name "$domain" --validation-method DNS --query CertificateArn --output text)
aws acm wait certificate-validated --certificate-arn "$cert"
status=$(aws acm describe-certificate --certificate-arn "$cert" --query 'Certificate.[Status,DomainValidationOptions[0].ResourceRecord.Type]' --output text)
[ "$status" = "ISSUED	CNAME" ] && ok "request-certificate $domain → ISSUED, CNAME validation record shown" || fail "certificate: $status"
other=$(aws acm request-certificate --domain-name "*.other.e2e.test" --query CertificateArn --output text)

vpc=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
subnets=$(aws ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0:2].SubnetId' --output text)
name="e2e-tls-$RANDOM"
read -r lb dns < <(aws elbv2 create-load-balancer --name "$name" --type application --scheme internal --subnets $subnets \
  --query 'LoadBalancers[0].[LoadBalancerArn,DNSName]' --output text)
tg=$(aws elbv2 create-target-group --name "$name" --protocol HTTP --port 80 --target-type ip --vpc-id "$vpc" \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1,Port="$p1" >/dev/null
https_port=$(free_port); http_port=$(free_port)
https=$(aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTPS --port "$https_port" \
  --certificates CertificateArn="$cert" --default-actions Type=forward,TargetGroupArn="$tg" \
  --query 'Listeners[0].ListenerArn' --output text)
aws elbv2 add-listener-certificates --listener-arn "$https" --certificates CertificateArn="$other" >/dev/null
aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port "$http_port" \
  --default-actions "Type=redirect,RedirectConfig={Protocol=HTTPS,Port=$https_port,StatusCode=HTTP_301}" >/dev/null
ok "HTTPS:$https_port with two certificates, HTTP:$http_port redirecting to it"

addr=$(dig +short @127.0.0.1 -p "$DNS_PORT" "$dns" A | head -n1)
[[ $addr == 127.* ]] && ok "dig $dns → $addr" || fail "the LB name did not resolve: '$addr'"
for _ in $(seq 1 50); do curl -s -o /dev/null --cacert "$tmp/ca.pem" --resolve "$domain:$https_port:$addr" "https://$domain:$https_port/" && break; sleep 0.2; done
out=$(curl -sf --cacert <(curl -s "$ENDPOINT/_stratus/ca.pem") --resolve "$domain:$https_port:$addr" \
  -w ' %{http_version}' "https://$domain:$https_port/hello")
[ "$out" = "hello over https port $https_port
 2" ] && ok "curl --cacert https://$domain:$https_port → verified, HTTP/2, X-Forwarded-Proto https" || fail "https: $out"
subject=$(curl -sv -o /dev/null --cacert "$tmp/ca.pem" --resolve "x.other.e2e.test:$https_port:$addr" "https://x.other.e2e.test:$https_port/" 2>&1 | grep -i "subject:" | head -n1)
[[ $subject == *"CN=*.other.e2e.test"* ]] && ok "SNI x.other.e2e.test → the added certificate" || fail "SNI: $subject"
out=$(curl -sfL --cacert "$tmp/ca.pem" --resolve "$domain:$http_port:$addr" --resolve "$domain:$https_port:$addr" "http://$domain:$http_port/r")
[ "$out" = "hello over https port $https_port" ] && ok "curl -L http://…:$http_port → 301 → https" || fail "redirect: $out"

err=$(aws acm delete-certificate --certificate-arn "$cert" 2>&1 || true)
[[ $err == *ResourceInUseException* ]] && ok "delete-certificate while in use → ResourceInUseException" || fail "in use: $err"
aws elbv2 delete-load-balancer --load-balancer-arn "$lb"
aws elbv2 delete-target-group --target-group-arn "$tg"
aws acm delete-certificate --certificate-arn "$cert"
aws acm delete-certificate --certificate-arn "$other"
ok "certificates deleted once the load balancer is gone"
echo "all checks passed"
