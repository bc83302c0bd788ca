#!/usr/bin/env bash
# A REST API built with the AWS CLI v2 against Stratus, carrying real traffic: a greedy {proxy+}
# resource with an HTTP_PROXY integration to a local backend, deployed to a stage, curled by Host
# header on the API port and through its own name (resolved with dig through Stratus's DNS);
# an unknown path answers 403 Missing Authentication Token, and the API is gone after delete; then an
# HTTP API by quick create (--target) answers by Host header too; a REST API imported from an
# OpenAPI file (import-rest-api) answers curl and exports back (get-export), and through a custom
# domain name (ACM certificate, base path mapping, Route 53 alias) over HTTP and HTTPS.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 STRATUS_DNS_PORT=5353 e2e/apigateway-rest.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

python3 - "$tmp/backend.port" >/dev/null 2>&1 <<'PY' &
import http.server, sys
portfile = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = ("hello from backend path=%s\n" % self.path).encode()
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
open(portfile + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(portfile + ".tmp", portfile)
s.serve_forever()
PY
pids+=($!)
for _ in $(seq 1 50); do [ -s "$tmp/backend.port" ] && break; sleep 0.1; done
port=$(cat "$tmp/backend.port" 2>/dev/null || true)
[ -n "$port" ] && ok "backend on 127.0.0.1:$port" || fail "backend did not start"

api=$(aws apigateway create-rest-api --name "e2e-rest-$RANDOM" --endpoint-configuration types=REGIONAL --query id --output text)
[[ $api =~ ^[a-z0-9]{10}$ ]] && ok "create-rest-api → $api" || fail "rest api id $api"
# get-resources, not create-rest-api's rootResourceId: older CLI v2 models do not have that field.
root=$(aws apigateway get-resources --rest-api-id "$api" --query 'items[?path==`/`].id' --output text)
proxy=$(aws apigateway create-resource --rest-api-id "$api" --parent-id "$root" --path-part '{proxy+}' --query id --output text)
aws apigateway put-method --rest-api-id "$api" --resource-id "$proxy" --http-method ANY --authorization-type NONE \
  --request-parameters method.request.path.proxy=true >/dev/null
aws apigateway put-integration --rest-api-id "$api" --resource-id "$proxy" --http-method ANY --type HTTP_PROXY \
  --integration-http-method ANY --uri "http://127.0.0.1:$port/{proxy}" \
  --request-parameters integration.request.path.proxy=method.request.path.proxy >/dev/null
aws apigateway create-deployment --rest-api-id "$api" --stage-name prod >/dev/null
ok "{proxy+} ANY → HTTP_PROXY, deployed to prod"

host="$api.execute-api.us-east-1.localhost"
body=""
for _ in $(seq 1 50); do
  body=$(curl -s -H "Host: $host" "$ENDPOINT/prod/pets/1?x=y" || true)
  [[ $body == "hello from backend path=/pets/1?x=y" ]] && break; sleep 0.1
done
[[ $body == "hello from backend path=/pets/1?x=y" ]] && ok "curl by Host header → $body" || fail "by Host header: '$body'"
missing=$(curl -s -o "$tmp/missing" -w '%{http_code}' -H "Host: $host" "$ENDPOINT/prod/")
[[ $missing == 403 ]] && grep -q '"Missing Authentication Token"' "$tmp/missing" \
  && ok "unknown path → 403 $(cat "$tmp/missing")" || fail "unknown path: $missing $(cat "$tmp/missing")"

address=$(dig +short @127.0.0.1 -p "$DNS_PORT" "$host" A | head -1)
[[ $address == 127.* ]] && ok "dig $host → $address" || fail "dig $host: '$address'"
direct=""
# Port 80, its 8080 substitute, or wherever /_stratus/endpoints says the API's listener moved.
moved=$(curl -s "$ENDPOINT/_stratus/endpoints" | python3 -c "import json,sys
for e in json.load(sys.stdin)['endpoints']:
    if e['description'].startswith('API Gateway API $api'): print(e['port'])" || true)
for p in 80 8080 $moved; do
  direct=$(curl -s --max-time 5 --resolve "$host:$p:$address" "http://$host:$p/prod/direct" || true)
  [[ $direct == "hello from backend path=/direct" ]] && break
done
[[ $direct == "hello from backend path=/direct" ]] && ok "curl http://$host:$p/prod/direct → $direct" || fail "direct: '$direct'"

aws apigateway delete-rest-api --rest-api-id "$api"
gone=""
for _ in $(seq 1 50); do
  gone=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "$ENDPOINT/prod/pets/1" || true)
  [[ $gone != 200 ]] && break; sleep 0.1
done
[[ $gone != 200 ]] && ok "deleted API no longer served ($gone)" || fail "still served after delete"
# A REST API imported from an OpenAPI 3 file (import-rest-api --body fileb://): a MOCK and an
# HTTP_PROXY integration with a path parameter, deployed and curled by Host header.
cat > "$tmp/petstore.yaml" <<YAML
openapi: "3.0.1"
info: {title: e2e-petstore, version: "1"}
paths:
  /:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: "200", responseTemplates: {application/json: '{"petstore": "open"}'}}}
  /pets/{petId}:
    get:
      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: "http://127.0.0.1:$port/pets/{petId}"
        requestParameters: {integration.request.path.petId: method.request.path.petId}
YAML
imported=$(aws apigateway import-rest-api --parameters endpointConfigurationTypes=REGIONAL \
  --body "fileb://$tmp/petstore.yaml" --query id --output text)
[[ $imported =~ ^[a-z0-9]{10}$ ]] && ok "import-rest-api → $imported" || fail "import-rest-api: $imported"
aws apigateway create-deployment --rest-api-id "$imported" --stage-name v1 >/dev/null
ihost="$imported.execute-api.us-east-1.localhost"
body=""
for _ in $(seq 1 50); do
  body=$(curl -s -H "Host: $ihost" "$ENDPOINT/v1/pets/42" || true)
  [[ $body == "hello from backend path=/pets/42" ]] && break; sleep 0.1
done
[[ $body == "hello from backend path=/pets/42" ]] && ok "imported HTTP_PROXY → $body" || fail "imported HTTP_PROXY: '$body'"
body=$(curl -s -H "Host: $ihost" "$ENDPOINT/v1/")
[[ $body == '{"petstore": "open"}' ]] && ok "imported MOCK → $body" || fail "imported MOCK: '$body'"
aws apigateway get-export --rest-api-id "$imported" --stage-name v1 --export-type oas30 \
  --parameters extensions=integrations --accepts application/yaml "$tmp/export.yaml" >/dev/null
grep -q "x-amazon-apigateway-integration" "$tmp/export.yaml" && grep -q "/pets/{petId}" "$tmp/export.yaml" \
  && ok "get-export oas30 YAML with integrations" || fail "get-export: $(head -5 "$tmp/export.yaml")"
# A custom domain name for the imported API: an ACM certificate, a REGIONAL domain, a base path
# mapping v1 → (imported, v1), a Route 53 alias to its regionalDomainName, then curl over HTTP and HTTPS.
domain="api$RANDOM.apigw.e2e.test"
dcert=$(aws acm request-certificate --domain-name "$domain" --validation-method DNS --query CertificateArn --output text)
aws acm wait certificate-validated --certificate-arn "$dcert"
regional=$(aws apigateway create-domain-name --domain-name "$domain" --regional-certificate-arn "$dcert" \
  --endpoint-configuration types=REGIONAL --query regionalDomainName --output text)
[[ $regional == d-*.execute-api.us-east-1.amazonaws.com ]] && ok "create-domain-name $domain → $regional" || fail "domain: $regional"
aws apigateway create-base-path-mapping --domain-name "$domain" --base-path v1 --rest-api-id "$imported" --stage v1 >/dev/null
zone=$(aws route53 create-hosted-zone --name apigw.e2e.test --caller-reference "apigw-$RANDOM" --query HostedZone.Id --output text)
aws route53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "{\"Changes\":[{\"Action\":\"CREATE\",
  \"ResourceRecordSet\":{\"Name\":\"$domain\",\"Type\":\"A\",\"AliasTarget\":{\"HostedZoneId\":\"Z1UJRXOUMOOFQ8\",
  \"DNSName\":\"$regional\",\"EvaluateTargetHealth\":false}}}]}" >/dev/null
daddr=""
for _ in $(seq 1 50); do
  daddr=$(dig +short @127.0.0.1 -p "$DNS_PORT" "$domain" A | head -1)
  [[ $daddr == 127.* ]] && break; sleep 0.1
done
[[ $daddr == 127.* ]] && ok "Route 53 alias $domain → $regional → $daddr" || fail "alias: '$daddr'"
ports() { curl -s "$ENDPOINT/_stratus/endpoints" | python3 -c "import json,sys
for e in json.load(sys.stdin)['endpoints']:
    if e['description'].startswith('API Gateway domain $domain') and e['protocol'] == '$1': print(e['port'])"; }
body=$(curl -s --max-time 5 --resolve "$domain:$(ports http):$daddr" "http://$domain:$(ports http)/v1/pets/7" || true)
[[ $body == "hello from backend path=/pets/7" ]] && ok "curl http://$domain/v1/pets/7 → $body" || fail "domain http: '$body'"
body=$(curl -s --max-time 5 -H "Host: $domain" "$ENDPOINT/nothing" || true)
[[ $body == '{"message":"Missing Authentication Token"}' ]] && ok "unmapped path on $domain → $body" || fail "unmapped: '$body'"
body=$(curl -s --max-time 5 --cacert <(curl -s "$ENDPOINT/_stratus/ca.pem") --resolve "$domain:$(ports https):$daddr" \
  "https://$domain:$(ports https)/v1/" || true)
[[ $body == '{"petstore": "open"}' ]] && ok "curl --cacert https://$domain/v1/ → $body (ACM certificate)" || fail "domain https: '$body'"
aws apigateway delete-base-path-mapping --domain-name "$domain" --base-path v1
aws apigateway delete-domain-name --domain-name "$domain"
aws apigateway delete-rest-api --rest-api-id "$imported"
# An HTTP API by quick create: a $default route to the backend on an auto-deployed $default stage.
http_api=$(aws apigatewayv2 create-api --name "e2e-http-$RANDOM" --protocol-type HTTP --target "http://127.0.0.1:$port" \
  --query ApiId --output text)
http_host="$http_api.execute-api.us-east-1.localhost"
body=""
for _ in $(seq 1 50); do
  body=$(curl -s -H "Host: $http_host" "$ENDPOINT/any/path?q=1" || true)
  [[ $body == "hello from backend path=/any/path?q=1" ]] && break; sleep 0.1
done
[[ $body == "hello from backend path=/any/path?q=1" ]] && ok "HTTP API $http_api by Host header → $body" || fail "HTTP API: '$body'"
aws apigatewayv2 delete-api --api-id "$http_api"
echo "all checks passed"
