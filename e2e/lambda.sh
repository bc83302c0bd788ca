#!/usr/bin/env bash
# Lambda through the AWS CLI v2 against Stratus: a Python and a Node.js function created from zips
# (fileb://), invoked for real on this machine's interpreters (result, error document, log tail,
# Event), a resource policy added and removed, and the function gone after delete-function.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 e2e/lambda.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
role=arn:aws:iam::000000000000:role/e2e-lambda

# zip NAME FILE CONTENT: a deployment package built with Python's zipfile (no zip tool needed)
mkzip() { python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr(sys.argv[2], sys.stdin.read()); z.close()' "$1" "$2"; }
mkzip "$tmp/py.zip" app.py <<'PY'
import os
calls = 0
def handler(event, context):
    global calls
    calls += 1
    if event.get("fail"):
        raise KeyError("missing " + event["fail"])
    print("log line from", context.function_name)
    return {"hello": event.get("name"), "calls": calls, "stage": os.environ.get("STAGE"),
            "region": os.environ["AWS_REGION"], "remaining": context.get_remaining_time_in_millis()}
PY
mkzip "$tmp/node.zip" index.js <<'JS'
exports.handler = async (event, context) => ({ node: process.version, hello: event.name, fn: context.functionName });
JS

py="e2e-py-$RANDOM"
arn=$(aws lambda create-function --function-name "$py" --runtime python3.12 --handler app.handler --role "$role" \
  --environment 'Variables={STAGE=e2e}' --zip-file "fileb://$tmp/py.zip" --query FunctionArn --output text)
[[ $arn == "arn:aws:lambda:us-east-1:000000000000:function:$py" ]] && ok "create-function → $arn" || fail "arn $arn"
aws lambda wait function-active-v2 --function-name "$py" && ok "function-active-v2"

status=$(aws lambda invoke --function-name "$py" --cli-binary-format raw-in-base64-out --payload '{"name":"cli"}' \
  "$tmp/out.json" --query StatusCode --output text)
[ "$status" = 200 ] && ok "invoke → 200" || fail "invoke status $status"
python3 - "$tmp/out.json" <<'PY' && ok "the handler's result: $(cat "$tmp/out.json")" || fail "result $(cat "$tmp/out.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["hello"] == "cli" and r["stage"] == "e2e" and r["region"] == "us-east-1" and r["calls"] == 1, r
assert 0 < r["remaining"] <= 3000, r
PY
log=$(aws lambda invoke --function-name "$py" --log-type Tail --cli-binary-format raw-in-base64-out --payload '{}' \
  "$tmp/out3.json" --query LogResult --output text | base64 -d)
grep -q "log line from $py" <<<"$log" && grep -q "^REPORT RequestId" <<<"$log" && ok "--log-type Tail" || fail "log: $log"
grep -q '"calls": 2' "$tmp/out3.json" && ok "warm environment reused (calls: 2)" || fail "not warm: $(cat "$tmp/out3.json")"

err=$(aws lambda invoke --function-name "$py" --cli-binary-format raw-in-base64-out --payload '{"fail":"x"}' \
  "$tmp/err.json" --query FunctionError --output text)
[ "$err" = Unhandled ] && grep -q '"errorType": "KeyError"' "$tmp/err.json" && ok "error → Unhandled $(cat "$tmp/err.json" | head -c 80)" \
  || fail "error: $err $(cat "$tmp/err.json")"

status=$(aws lambda invoke --function-name "$py" --invocation-type Event --cli-binary-format raw-in-base64-out \
  --payload '{}' "$tmp/ev.json" --query StatusCode --output text)
[ "$status" = 202 ] && ok "Event → 202" || fail "Event status $status"

node="e2e-node-$RANDOM"
aws lambda create-function --function-name "$node" --runtime nodejs20.x --handler index.handler --role "$role" \
  --zip-file "fileb://$tmp/node.zip" >/dev/null
aws lambda invoke --function-name "$node" --cli-binary-format raw-in-base64-out --payload '{"name":"node"}' "$tmp/node.json" >/dev/null
grep -q "\"fn\":\"$node\"" "$tmp/node.json" && ok "Node.js function → $(cat "$tmp/node.json")" || fail "node: $(cat "$tmp/node.json")"

aws lambda add-permission --function-name "$py" --statement-id apigw --action lambda:InvokeFunction \
  --principal apigateway.amazonaws.com --source-arn 'arn:aws:execute-api:us-east-1:000000000000:abc123/*' >/dev/null
aws lambda get-policy --function-name "$py" --query Policy --output text | grep -q '"Service":"apigateway.amazonaws.com"' \
  && ok "add-permission / get-policy" || fail "policy"
aws lambda remove-permission --function-name "$py" --statement-id apigw && ok "remove-permission"

aws lambda delete-function --function-name "$py"
aws lambda delete-function --function-name "$node"
if aws lambda get-function --function-name "$py" 2>"$tmp/gone.err" >/dev/null; then fail "still there"; fi
grep -q "ResourceNotFoundException" "$tmp/gone.err" && grep -q "Function not found: $arn" "$tmp/gone.err" \
  && ok "delete-function → get-function ResourceNotFoundException" || fail "$(cat "$tmp/gone.err")"
echo "all checks passed"
