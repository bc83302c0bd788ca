# What every e2e/*.sh shares. Source it first: . "$(dirname "$0")/lib.sh"
# Environment: STRATUS_ENDPOINT (default http://127.0.0.1:4566), STRATUS_DNS_PORT (default 5353),
# AWS_CLI (default /usr/bin/aws, Debian's AWS CLI v2).
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
ENDPOINT=${STRATUS_ENDPOINT:-http://127.0.0.1:4566}
DNS_PORT=${STRATUS_DNS_PORT:-5353}
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { "$AWS_CLI" --endpoint-url "$ENDPOINT" "$@"; }
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; exit 1; }

# A scratch directory and the local servers a script starts (add their pids to `pids`), both
# gone when the script exits.
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
