#!/usr/bin/env bash
# A CloudFront distribution through the AWS CLI v2 against Stratus: create-distribution with the
# CLI's --origin-domain-name shorthand, InProgress → Deployed (Stratus's default deploy delay is
# 5 s; `wait distribution-deployed` then passes at once), an invalidation to Completed, the managed
# cache policies, If-Match refusals, disable → deploy → delete.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 e2e/cloudfront.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

read -r id domain status < <(aws cloudfront create-distribution --origin-domain-name origin.example.com \
  --default-root-object index.html --query 'Distribution.[Id,DomainName,Status]' --output text)
[[ $id =~ ^E[A-Z0-9]{13}$ ]] && [[ $domain == d*.cloudfront.net ]] && [ "$status" = InProgress ] \
  && ok "create-distribution → $id $domain $status" || fail "create-distribution: $id $domain $status"

deployed=no
for _ in $(seq 1 60); do
  [ "$(aws cloudfront get-distribution --id "$id" --query 'Distribution.Status' --output text)" = Deployed ] \
    && { deployed=yes; break; }
  sleep 1
done
[ $deployed = yes ] && ok "get-distribution → Deployed" || fail "still InProgress after 60 s"
timeout 30 "$AWS_CLI" --endpoint-url "$ENDPOINT" cloudfront wait distribution-deployed --id "$id" \
  && ok "wait distribution-deployed" || fail "wait distribution-deployed"

inv=$(aws cloudfront create-invalidation --distribution-id "$id" --paths "/index.html" "/images/*" \
  --query 'Invalidation.Id' --output text)
[[ $inv =~ ^I[A-Z0-9]{13}$ ]] && ok "create-invalidation → $inv" || fail "create-invalidation: $inv"
aws cloudfront create-invalidation --distribution-id "$id" --paths "images/*.jpg" >"$tmp/out" 2>&1 \
  && fail "a path without / was accepted" || true
grep -q InvalidArgument "$tmp/out" && ok "create-invalidation images/*.jpg → InvalidArgument" || fail "$(cat "$tmp/out")"
completed=no
for _ in $(seq 1 60); do
  [ "$(aws cloudfront get-invalidation --distribution-id "$id" --id "$inv" --query 'Invalidation.Status' --output text)" \
    = Completed ] && { completed=yes; break; }
  sleep 1
done
[ $completed = yes ] && ok "get-invalidation → Completed" || fail "invalidation still InProgress"
timeout 30 "$AWS_CLI" --endpoint-url "$ENDPOINT" cloudfront wait invalidation-completed --distribution-id "$id" --id "$inv" \
  && ok "wait invalidation-completed" || fail "wait invalidation-completed"

min=$(aws cloudfront get-cache-policy --id 658327ea-f89d-4fab-a63d-7e88639e58f6 \
  --query 'CachePolicy.CachePolicyConfig.[Name,MinTTL,DefaultTTL,MaxTTL]' --output text)
[ "$min" = "CachingOptimized	1	86400	31536000" ] && ok "get-cache-policy CachingOptimized → $min" || fail "managed policy: $min"

aws cloudfront get-distribution-config --id "$id" >"$tmp/got.json"
etag=$(python3 - "$tmp/got.json" "$tmp/config.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1])); c = got["DistributionConfig"]
assert c["DefaultRootObject"] == "index.html", c["DefaultRootObject"]
c["Enabled"] = False
json.dump(c, open(sys.argv[2], "w"))
print(got["ETag"])
PY
) && ok "get-distribution-config keeps DefaultRootObject (ETag $etag)" || fail "get-distribution-config"
aws cloudfront delete-distribution --id "$id" --if-match "$etag" >"$tmp/out" 2>&1 && fail "deleted while enabled" || true
grep -q DistributionNotDisabled "$tmp/out" && ok "delete-distribution while enabled → DistributionNotDisabled" || fail "$(cat "$tmp/out")"
aws cloudfront update-distribution --id "$id" --if-match E0WRONG0000000 --distribution-config "file://$tmp/config.json" \
  >"$tmp/out" 2>&1 && fail "a wrong If-Match was accepted" || true
grep -q PreconditionFailed "$tmp/out" && ok "update-distribution with a stale ETag → PreconditionFailed" || fail "$(cat "$tmp/out")"
etag=$(aws cloudfront update-distribution --id "$id" --if-match "$etag" --distribution-config "file://$tmp/config.json" \
  --query 'ETag' --output text)
ok "update-distribution Enabled=false"
for _ in $(seq 1 60); do
  [ "$(aws cloudfront get-distribution --id "$id" --query 'Distribution.Status' --output text)" = Deployed ] && break
  sleep 1
done
aws cloudfront delete-distribution --id "$id" --if-match "$etag" && ok "delete-distribution" || fail "delete-distribution"
aws cloudfront get-distribution --id "$id" >"$tmp/out" 2>&1 && fail "still there" || true
grep -q NoSuchDistribution "$tmp/out" && ok "get-distribution → NoSuchDistribution" || fail "$(cat "$tmp/out")"
echo "all checks passed"
