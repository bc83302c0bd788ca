#!/usr/bin/env bash
# Reachability benchmark: an organisation of VPCs on one transit gateway (per-environment route
# tables, 10 SG rules per VPC), built through Stratus's EC2 API with boto3, then Network Insights
# analyses timed through the same API: one analysis end to end, and all pairs among 100 sampled
# instances, at each size (the organisation grows in place). See org.py for the network.
#   bench/reachability/run.sh                 (SIZES=500,1000,2500,5000 THREADS=8 SAMPLE=100)
#   SIZES=250,500 bench/reachability/run.sh   (a quick run)
# Starts `./stratus start --ephemeral` on PORT (default 24566) and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/reachability/run}
PORT=${PORT:-24566}
DNS_PORT=${DNS_PORT:-24553}
SIZES=${SIZES:-500,1000,2500,5000}
THREADS=${THREADS:-8}
SAMPLE=${SAMPLE:-100}
rm -rf "$RUN"; mkdir -p "$RUN"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
PID=""
stop() { if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; timeout 10 tail --pid="$PID" -f /dev/null 2>/dev/null || kill -KILL "$PID" 2>/dev/null || true; fi; }
trap stop EXIT

python3 -c "import boto3" 2>/dev/null || { echo "needs boto3 (pip install boto3)" >&2; exit 1; }
log "starting stratus on port $PORT (builds on first use)"
STRATUS_JAVA_OPTS="${STRATUS_JAVA_OPTS:--Xmx6g}" ./stratus start --ephemeral --port "$PORT" --dns-port "$DNS_PORT" >"$RUN/stratus.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/_stratus/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/_stratus/health" >/dev/null || { log "stratus did not start"; cat "$RUN/stratus.log" >&2; exit 1; }
JAVA_PID=$(pgrep -f "java.*--port $PORT" | head -1 || true)
log "building sizes $SIZES with $THREADS client threads"
python3 bench/reachability/org.py "http://127.0.0.1:$PORT" --sizes "$SIZES" --threads "$THREADS" --sample "$SAMPLE" \
  ${JAVA_PID:+--server-pid "$JAVA_PID"} \
  | tee "$RUN/results.txt"
