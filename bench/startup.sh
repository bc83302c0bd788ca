#!/usr/bin/env bash
# Start-up benchmark: the time from launching `./stratus start` to the first answered AWS API call
# (an EC2 DescribeRegions through the real HTTP listener), RUNS times (default 5), and the median.
# Also prints what Stratus itself reports ("started in N ms": launcher to listening), and the JVM's
# CPU time up to the first answer (steadier than wall time on a loaded machine), and the load average.
#   bench/startup.sh                          (ephemeral store)
#   DATA_DIR=/tmp/d bench/startup.sh          (an existing data directory, e.g. from bench/startup/fill.py)
#   RUNS=9 STRATUS_JAVA_OPTS=-Xlog:startuptime bench/startup.sh
# The jar is built first, and the start-up cache made by warm-up starts (the launcher's AppCDS archive,
# or on JDK 25+ its AOT cache: one start records, the next assembles it), so no run pays for them.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PORT=${PORT:-24866}
DNS_PORT=${DNS_PORT:-24853}
DATA_DIR=${DATA_DIR:-}
STORE_ARGS=(--ephemeral)
if [[ -n "$DATA_DIR" ]]; then STORE_ARGS=(--data-dir "$DATA_DIR"); fi
exec python3 - "$RUNS" "$PORT" "$DNS_PORT" "${STORE_ARGS[@]}" <<'PY'
import glob, os, signal, socket, statistics, subprocess, sys, time

runs, port, dns_port = int(sys.argv[1]), sys.argv[2], sys.argv[3]
store_args = sys.argv[4:]
BODY = b"Action=DescribeRegions&Version=2016-11-15"
REQUEST = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
           b"Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
           b"SignedHeaders=host, Signature=0\r\nContent-Length: " + str(len(BODY)).encode() + b"\r\nConnection: close\r\n\r\n" + BODY)

def answered():
    try:
        with socket.create_connection(("127.0.0.1", int(port)), timeout=2) as s:
            s.sendall(REQUEST)
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def one(label):
    cmd = ["./stratus", "start", "--port", port, "--dns-port", dns_port, *store_args]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while not answered():
            if p.poll() is not None:
                sys.exit("stratus exited: " + p.stdout.read().decode())
            if time.monotonic() - t0 > 120:
                sys.exit("no answer within 120 s")
            time.sleep(0.002)
        ms = (time.monotonic() - t0) * 1000
        cpu = cpu_ms(p.pid)
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        out = p.communicate(timeout=30)[0].decode()
    reported = next((l.split("started in ")[1].split(" ms")[0] for l in out.splitlines() if "started in" in l), "?")
    print(f"{label}: first API answer {ms:.0f} ms after launch, {cpu:.0f} ms CPU (Stratus reports started in {reported} ms)", flush=True)
    CPU.append(cpu)
    return ms

CPU = []
TICK = os.sysconf("SC_CLK_TCK")

def cpu_ms(pid):
    # user + system time of the JVM so far (the launcher execs java in the same process): unlike
    # the wall time it hardly moves when other processes load the machine.
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK

subprocess.run(["./stratus", "latency", "--from", "Sydney", "--to", "us-east-1"], check=True, stdout=subprocess.DEVNULL)  # builds if needed (`version` never does)
one("warm-up (records the start-up cache)")
# JDK 25+: the next start assembles the AOT cache in the background from what the first recorded
# (the launcher's "start-up cache"); wait for it so that no measured run competes with it.
if glob.glob("stratus-app/target/stratus-*.aot.config"):
    one("warm-up (makes the start-up cache)")
    deadline = time.monotonic() + 600
    while glob.glob("stratus-app/target/stratus-*.aot.making") and time.monotonic() < deadline:
        time.sleep(1)
del CPU[:]  # the warm-ups'
times = [one(f"run {i + 1}") for i in range(runs)]
print(f"median of {runs}: {statistics.median(times):.0f} ms to the first answered API call (min {min(times):.0f}, max {max(times):.0f}); median CPU {statistics.median(CPU):.0f} ms; load {os.getloadavg()[0]:.1f}")
PY
