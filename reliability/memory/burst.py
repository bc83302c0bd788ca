#!/usr/bin/env python3
"""Memory under a burst of large uploads (issue 13 item 1): starts Stratus with the given JVM
options on random loopback ports, sends N concurrent 15 MB bodies to the API port (half AWS API
calls, aggregated and bounded by the body budget; half S3 PutObject, spooled to disk), samples
the process's RSS every 0.5 s during the burst and for 60 s after, prints one line of figures.

    reliability/memory/burst.py [--uploads 200] [--mb 15] [--after 60] -- <JVM options...>

Loopback only; the Stratus process is stopped at the end. Needs a packaged stratus-app.
"""
import argparse, os, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "stratus-app", "target", "stratus-app.jar")
AUTH_EC2 = "AWS4-HMAC-SHA256 Credential=AKIDMEMORY/20261207/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0"
AUTH_S3 = "AWS4-HMAC-SHA256 Credential=AKIDMEMORY/20261207/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def request(port, head, body, results):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
            s.sendall(head.encode())
            view = memoryview(body)
            for i in range(0, len(body), 1 << 20):
                s.sendall(view[i:i + (1 << 20)])
            answer = s.recv(64).decode(errors="replace")
            results.append(answer[9:12] if answer.startswith("HTTP/") else "closed")
    except OSError:
        results.append("reset")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--uploads", type=int, default=200)
    ap.add_argument("--mb", type=int, default=15)
    ap.add_argument("--after", type=int, default=60)
    ap.add_argument("--kind", choices=["mixed", "api", "s3"], default="mixed")
    ap.add_argument("jvm", nargs="*")
    a = ap.parse_args()
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    port, dns = free_port(), free_port()
    data = tempfile.mkdtemp(prefix="stratus-burst-")
    proc = subprocess.Popen([java, *a.jvm, "-jar", JAR, "start", f"--port={port}", f"--dns-port={dns}",
                             f"--data-dir={data}", "--log-level=warn"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stratus/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("Stratus did not start")
        req = urllib.request.Request(f"http://127.0.0.1:{port}/burst-bucket", method="PUT", headers={"Authorization": AUTH_S3})
        urllib.request.urlopen(req, timeout=10).read()
        time.sleep(2)
        idle = rss_mib(proc.pid)
        size = a.mb * 1000 * 1000
        api_body = b"Action=DescribeVpcs&Version=2016-11-15&Filler=" + b"x" * (size - 47)
        s3_body = os.urandom(1 << 20) * (size >> 20) + b"y" * (size - ((size >> 20) << 20))
        results, threads = [], []
        for i in range(a.uploads):
            if a.kind == "api" or (a.kind == "mixed" and i % 2 == 0):
                head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {AUTH_EC2}\r\n"
                        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(api_body)}\r\nConnection: close\r\n\r\n")
                body = api_body
            else:
                head = (f"PUT /burst-bucket/object-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {AUTH_S3}\r\n"
                        f"Content-Length: {len(s3_body)}\r\nConnection: close\r\n\r\n")
                body = s3_body
            threads.append(threading.Thread(target=request, args=(port, head, body, results), daemon=True))
        peak, start = idle, time.time()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_mib(proc.pid))
            time.sleep(0.5)
        burst_s = time.time() - start
        samples = {}
        end = time.time()
        while time.time() - end < a.after:
            r = rss_mib(proc.pid)
            peak = max(peak, r)
            for mark in (10, 30, 60):
                if mark not in samples and time.time() - end >= mark:
                    samples[mark] = r
            time.sleep(0.5)
        samples.setdefault(a.after, rss_mib(proc.pid))
        statuses = {}
        for r in results:
            statuses[r] = statuses.get(r, 0) + 1
        print(f"jvm={' '.join(a.jvm)} kind={a.kind} uploads={a.uploads}x{a.mb}MB burst={burst_s:.0f}s idleRssMiB={idle} peakRssMiB={peak} "
              + " ".join(f"rssAfter{k}sMiB={v}" for k, v in sorted(samples.items())) + f" statuses={statuses}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
