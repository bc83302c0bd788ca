#!/usr/bin/env bash
# S3 through the AWS CLI v2 against Stratus: aws s3 mb/cp/sync/ls/rm/rb, the s3api object calls,
# a ~20 MB upload the CLI sends as a multipart upload (md5-of-md5s ETag), and anonymous access
# refused, then allowed by a bucket policy, with curl path-style and virtual-hosted.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 e2e/s3.sh   (AWS_CLI overrides /usr/bin/aws)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PORT=${ENDPOINT##*:}
B=e2e-s3-bucket-$RANDOM

aws s3 mb "s3://$B" >/dev/null
aws s3 ls | grep " $B$" >/dev/null || fail "mb: $B not listed"
ok "s3 mb and ls"

mkdir -p "$tmp/site/css" "$tmp/site/img"
echo '<h1>home</h1>' > "$tmp/site/index.html"
echo 'body{}' > "$tmp/site/css/main.css"
head -c 3000 /dev/urandom > "$tmp/site/img/logo.png"
aws s3 sync "$tmp/site" "s3://$B/site" >/dev/null
listed=$(aws s3 ls --recursive "s3://$B/site/" | awk '{print $4}' | sort | tr '\n' ' ')
[ "$listed" = "site/css/main.css site/img/logo.png site/index.html " ] || fail "sync listed: $listed"
aws s3 ls "s3://$B/site/" | grep "PRE css/" >/dev/null || fail "ls: no common prefix css/"
ok "s3 sync and ls (recursive and by prefix)"
echo 'changed' > "$tmp/site/index.html"
synced=$(aws s3 sync "$tmp/site" "s3://$B/site" | grep -c upload || true)
[ "$synced" = "1" ] || fail "second sync uploaded $synced files, expected 1"
ok "s3 sync uploads only the changed file"

head -c $((20 * 1024 * 1024 + 12345)) /dev/urandom > "$tmp/big.bin"
aws s3 cp "$tmp/big.bin" "s3://$B/big.bin" >/dev/null
etag=$(aws s3api head-object --bucket "$B" --key big.bin --query ETag --output text)
case "$etag" in *-3\"|*-3) ;; *) fail "multipart ETag $etag is not md5-of-md5s-3" ;; esac
aws s3 cp "s3://$B/big.bin" "$tmp/big.back" >/dev/null
cmp -s "$tmp/big.bin" "$tmp/big.back" || fail "20 MB object came back different"
ok "s3 cp of 20 MB as a multipart upload (ETag $etag) and back"

echo -n 'hello s3' > "$tmp/hello.txt"
md5=$(md5sum "$tmp/hello.txt" | cut -d' ' -f1)
put=$(aws s3api put-object --bucket "$B" --key docs/hello.txt --body "$tmp/hello.txt" --content-type text/plain \
  --cache-control max-age=60 --metadata colour=blue --query ETag --output text)
[ "$put" = "\"$md5\"" ] || fail "put-object ETag $put, expected the MD5 $md5"
head=$(aws s3api head-object --bucket "$B" --key docs/hello.txt --query '[ContentType,CacheControl,Metadata.colour,ContentLength]' --output text)
[ "$head" = "text/plain	max-age=60	blue	8" ] || fail "head-object: $head"
aws s3api get-object --bucket "$B" --key docs/hello.txt "$tmp/hello.back" >/dev/null
cmp -s "$tmp/hello.txt" "$tmp/hello.back" || fail "get-object body differs"
ranged=$(aws s3api get-object --bucket "$B" --key docs/hello.txt --range bytes=0-4 "$tmp/range" --query ContentRange --output text)
[ "$ranged" = "bytes 0-4/8" ] && [ "$(cat "$tmp/range")" = "hello" ] || fail "range: $ranged"
ok "s3api put-object/head-object/get-object (ETag = MD5, headers and metadata kept, range)"

keys=$(aws s3api list-objects-v2 --bucket "$B" --prefix site/ --delimiter / --query 'CommonPrefixes[].Prefix' --output text)
[ "$keys" = "site/css/	site/img/" ] || fail "list-objects-v2 prefixes: $keys"
count=$(aws s3api list-objects-v2 --bucket "$B" --max-items 2 --query 'length(Contents)' --output json)
[ "$count" = "2" ] || fail "list-objects-v2 --max-items 2 gave $count"
ok "s3api list-objects-v2 (prefix, delimiter, paging)"

status=$(curl -s -o "$tmp/denied" -w '%{http_code}' "http://127.0.0.1:$PORT/$B/docs/hello.txt")
[ "$status" = "403" ] && grep -q '<Code>AccessDenied</Code>' "$tmp/denied" || fail "anonymous GET answered $status"
aws s3api put-bucket-policy --bucket "$B" --policy "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::$B/docs/*\"}]}"
[ "$(curl -s "http://127.0.0.1:$PORT/$B/docs/hello.txt")" = "hello s3" ] || fail "public GET path-style"
[ "$(curl -s -H "Host: $B.s3.us-east-1.amazonaws.com" "http://127.0.0.1:$PORT/docs/hello.txt")" = "hello s3" ] || fail "public GET virtual-hosted"
ok "anonymous GET refused (403 AccessDenied), then allowed by the bucket policy, path-style and virtual-hosted"

aws s3api put-bucket-website --bucket "$B" --website-configuration '{"IndexDocument":{"Suffix":"index.html"}}'
aws s3api put-bucket-policy --bucket "$B" --policy "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::$B/*\"}]}"
[ "$(curl -s -H "Host: $B.s3-website-us-east-1.localhost" "http://127.0.0.1:$PORT/site/")" = "changed" ] || fail "website index"
ok "website endpoint serves the index document"
if [ -n "${STRATUS_DNS_PORT:-}" ] && command -v dig >/dev/null; then
  answer=$(dig @127.0.0.1 -p "$STRATUS_DNS_PORT" +short "$B.s3-website-us-east-1.localhost" A)
  [ "$answer" = "127.0.0.1" ] || fail "DNS for the website endpoint: '$answer'"
  ok "the website endpoint's name resolves through Stratus's DNS"
fi

deleted=$(aws s3api delete-objects --bucket "$B" --delete '{"Objects":[{"Key":"docs/hello.txt"},{"Key":"big.bin"}]}' --query 'length(Deleted)' --output text)
[ "$deleted" = "2" ] || fail "delete-objects deleted $deleted"
if aws s3 rb "s3://$B" 2>"$tmp/rb.err"; then fail "rb of a non-empty bucket succeeded"; fi
grep -q BucketNotEmpty "$tmp/rb.err" || fail "rb error: $(cat "$tmp/rb.err")"
aws s3 rm --recursive "s3://$B" >/dev/null
aws s3 rb "s3://$B" >/dev/null
if aws s3 ls | grep " $B$" >/dev/null; then fail "rb: $B still listed"; fi
ok "s3api delete-objects, rb refused while not empty (BucketNotEmpty), rm --recursive, rb"
echo "all checks passed"
