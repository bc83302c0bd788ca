#!/usr/bin/env bash
# DNS benchmark: Stratus's Route 53 data plane beside NSD and PowerDNS, serving the same
# 1,000-record zone, under dnsperf on loopback, in one run. Prints qps and the ratios.
#   bench/dns/run.sh            (DUR=10 seconds a measurement; SERVERS="nsd pdns stratus";
#                                JIT_WARM=5 seconds of each query mix before Stratus is measured)
# Pinned like the peers' baselines: each server on core 0, dnsperf on core 1. Everything
# listens on 127.0.0.1, every load is bounded by dnsperf -l, every server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUN=${RUN:-$ROOT/bench/dns/run}
DUR=${DUR:-10}
SERVERS=${SERVERS:-"nsd pdns stratus"}
DNSPERF_OPTS=${DNSPERF_OPTS:-"-c 8 -q 200 -T 1 -t 2"}
NSD_PORT=25301 PDNS_PORT=25303 STRATUS_DNS=25353 STRATUS_API=25466
rm -rf "$RUN"; mkdir -p "$RUN"
. bench/lib.sh

require dnsperf dnsperf; require nsd nsd; require dig dnsutils
type -P pdns_server >/dev/null || MISSING+=(pdns-server pdns-backend-bind)
install_required
python3 bench/dns/gen_data.py "$RUN"

wait_dns() { for _ in $(seq 1 50); do dig +time=1 +tries=1 +short @127.0.0.1 -p "$1" host0001.example.test A 2>/dev/null | grep -q 198.18 && return 0; sleep 0.2; done; log "port $1 not answering"; return 1; }

start_server() { # name -> PORT
  case $1 in
    nsd)
      PORT=$NSD_PORT; mkdir -p "$RUN/nsd"
      cat > "$RUN/nsd.conf" <<CONF
server:
    ip-address: 127.0.0.1
    port: $PORT
    server-count: 1
    do-ip6: no
    username: ""
    chroot: ""
    zonesdir: "$RUN"
    database: ""
    zonelistfile: "$RUN/nsd/zone.list"
    xfrdfile: "$RUN/nsd/xfrd.state"
    xfrdir: "$RUN/nsd"
    pidfile: "$RUN/nsd/nsd.pid"
    verbosity: 0
    rrl-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: example.test
    zonefile: "$RUN/example.test.zone"
CONF
      start nsd nsd -d -c "$RUN/nsd.conf" ;;
    pdns)
      PORT=$PDNS_PORT; mkdir -p "$RUN/pdns"
      printf 'zone "example.test" { type master; file "%s/example.test.lua.zone"; };\n' "$RUN" > "$RUN/pdns/named.conf"
      cat > "$RUN/pdns/pdns.conf" <<CONF
launch=bind
bind-config=$RUN/pdns/named.conf
local-address=127.0.0.1
local-port=$PORT
socket-dir=$RUN/pdns
guardian=no
daemon=no
disable-syslog=yes
enable-lua-records=yes
receiver-threads=1
distributor-threads=1
CONF
      start pdns pdns_server --config-dir="$RUN/pdns" ;;
    stratus)
      PORT=$STRATUS_DNS
      start_stratus $STRATUS_API $PORT   # builds first if needed (`stratus version` never builds)
      python3 bench/dns/load_stratus.py "$RUN" "http://127.0.0.1:$STRATUS_API" >/dev/null
      wait_dns "$PORT"
      # The JVM compiles its hot path while it runs: warm it on every query mix first (JIT_WARM s each).
      for q in static weighted latency; do
        taskset -c 1 dnsperf -s 127.0.0.1 -p "$PORT" -d "$RUN/queries-$q.txt" -l "${JIT_WARM:-5}" $DNSPERF_OPTS >/dev/null 2>&1 || true
      done ;;
  esac
  wait_dns "$PORT"
}

descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
cpu_ns() { # nanoseconds on CPU of every thread of the server and its descendants (NSD forks twice);
           # /proc/PID/task/*/schedstat, because /proc/PID/stat's tick counts read 0 for NSD's children here
  local p
  for p in "$1" $(descendants "$1"); do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{s += $1} END {printf "%.0f", s}'; }
measure() { # server file -> qps; also CPU[server-file] = server CPU microseconds per answered query
  local pid=${PIDS[-1]} before after done_q
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$PORT" -d "$RUN/$2" -l 2 $DNSPERF_OPTS >/dev/null 2>&1 || true
  before=$(cpu_ns "$pid")
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$PORT" -d "$RUN/$2" -l "$DUR" $DNSPERF_OPTS > "$RUN/$1-$2.out" 2>&1 || true
  after=$(cpu_ns "$pid")
  done_q=$(awk '/Queries completed/{print $3}' "$RUN/$1-$2.out")
  awk -v t=$((after - before)) -v q="${done_q:-0}" \
    'BEGIN { if (q > 0) printf "%.2f", t / q / 1000; else print "n/a" }' > "$RUN/$1-$2.cpu"
  awk '/Queries per second/{print $4}' "$RUN/$1-$2.out"
}

declare -A QPS
for s in $SERVERS; do
  start_server "$s" || { log "$s did not start; see $RUN/$s.log"; stop_all; continue; }
  QPS[$s-static]=$(measure "$s" queries-static.txt)
  log "$s static: ${QPS[$s-static]} qps ($(grep 'Response codes' "$RUN/$s-queries-static.txt.out" | xargs))"
  case $s in
    pdns)    QPS[$s-weighted]=$(measure "$s" queries-weighted.txt); log "$s LUA weighted: ${QPS[$s-weighted]} qps" ;;
    stratus) QPS[$s-weighted]=$(measure "$s" queries-weighted.txt); log "$s weighted: ${QPS[$s-weighted]} qps"
             QPS[$s-latency]=$(measure "$s" queries-latency.txt); log "$s latency: ${QPS[$s-latency]} qps" ;;
  esac
  stop_all
done

echo "== bench/dns: dnsperf $DNSPERF_OPTS -l $DUR, server on core 0, dnsperf on core 1; load $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '%-28s %12s %16s\n' case qps 'server CPU us/q'
for k in $(printf '%s\n' "${!QPS[@]}" | sort); do
  f=$(ls "$RUN"/"${k%%-*}"-queries-"${k#*-}".txt.cpu 2>/dev/null | head -1)
  printf '%-28s %12s %16s\n' "$k" "${QPS[$k]}" "$(cat "$f" 2>/dev/null || echo n/a)"
done
echo "stratus/nsd static:            $(ratio "${QPS[stratus-static]:-}" "${QPS[nsd-static]:-}")"
echo "stratus weighted/nsd static:   $(ratio "${QPS[stratus-weighted]:-}" "${QPS[nsd-static]:-}")"
echo "stratus latency/nsd static:    $(ratio "${QPS[stratus-latency]:-}" "${QPS[nsd-static]:-}")"
echo "stratus weighted/pdns LUA:     $(ratio "${QPS[stratus-weighted]:-}" "${QPS[pdns-weighted]:-}")"
cpu() { cat "$RUN/$1-queries-$2.txt.cpu" 2>/dev/null || echo 0; }
echo "nsd/stratus CPU per query, static:           $(ratio "$(cpu nsd static)" "$(cpu stratus static)")  (>= 1: Stratus needs no more CPU a query than NSD)"
echo "nsd static/stratus weighted CPU per query:   $(ratio "$(cpu nsd static)" "$(cpu stratus weighted)")"
echo "nsd static/stratus latency CPU per query:    $(ratio "$(cpu nsd static)" "$(cpu stratus latency)")"
