#!/usr/bin/env bash
# The Route 53 snippet of seed 001 through the AWS CLI v2, against Stratus: the latency pair,
# the seed's failover pair refused beside it (one routing policy per name and type), the
# failover pair on its own name, and the listing in Route 53's order.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 e2e/route53_seed.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { "$AWS_CLI" --endpoint-url "${STRATUS_ENDPOINT:-http://127.0.0.1:4566}" "$@"; }
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

zone_id=$(aws route53 create-hosted-zone --name myapp.com --caller-reference "cli-$RANDOM-$$" \
  --query HostedZone.Id --output text)
[[ $zone_id == /hostedzone/Z* ]] && ok "create-hosted-zone → $zone_id" || fail "zone id $zone_id"

hc_id=$(aws route53 create-health-check --caller-reference "hc-$RANDOM-$$" \
  --health-check-config Type=HTTP,IPAddress=127.0.0.1,Port=80,ResourcePath=/health \
  --query HealthCheck.Id --output text)

a_record() { # name set-id value policy-json
  echo "{\"Name\":\"$1\",\"Type\":\"A\",\"SetIdentifier\":\"$2\",\"TTL\":60,\"ResourceRecords\":[{\"Value\":\"$3\"}],$4}"
}
cat > "$tmp/latency.json" <<JSON
{"Changes": [
 {"Action": "CREATE", "ResourceRecordSet": $(a_record api.myapp.com eu-west-1 192.0.2.10 '"Region":"eu-west-1"')},
 {"Action": "CREATE", "ResourceRecordSet": $(a_record api.myapp.com us-east-1 192.0.2.20 '"Region":"us-east-1"')}
]}
JSON
failover_batch() {
  cat <<JSON
{"Changes": [
 {"Action": "CREATE", "ResourceRecordSet": $(a_record "$1" primary 192.0.2.30 "\"Failover\":\"PRIMARY\",\"HealthCheckId\":\"$hc_id\"")},
 {"Action": "CREATE", "ResourceRecordSet": $(a_record "$1" secondary 192.0.2.40 '"Failover":"SECONDARY"')}
]}
JSON
}
failover_batch api.myapp.com > "$tmp/failover-same-name.json"
failover_batch failover.myapp.com > "$tmp/failover.json"

status=$(aws route53 change-resource-record-sets --hosted-zone-id "$zone_id" \
  --change-batch "file://$tmp/latency.json" --query ChangeInfo.Status --output text)
[[ $status == PENDING || $status == INSYNC ]] && ok "latency batch → $status" || fail "latency status $status"

if out=$(aws route53 change-resource-record-sets --hosted-zone-id "$zone_id" \
    --change-batch "file://$tmp/failover-same-name.json" 2>&1); then
  fail "failover sets beside latency sets of the same name were accepted"
fi
grep -q InvalidChangeBatch <<<"$out" && ok "failover beside latency refused: InvalidChangeBatch" || fail "unexpected: $out"

change_id=$(aws route53 change-resource-record-sets --hosted-zone-id "$zone_id" \
  --change-batch "file://$tmp/failover.json" --query ChangeInfo.Id --output text)
aws route53 get-change --id "$change_id" --query ChangeInfo.Status --output text >/dev/null && ok "get-change answers"

listed=$(aws route53 list-resource-record-sets --hosted-zone-id "$zone_id" \
  --query 'ResourceRecordSets[].[Name,Type,SetIdentifier]' --output text | tr '\t' ' ')
expected="myapp.com. NS None
myapp.com. SOA None
api.myapp.com. A eu-west-1
api.myapp.com. A us-east-1
failover.myapp.com. A primary
failover.myapp.com. A secondary"
[[ $listed == "$expected" ]] && ok "records listed back in Route 53's order" || fail "listed:
$listed"
echo "route53_seed.sh: all checks passed"
