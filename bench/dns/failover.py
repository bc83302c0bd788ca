#!/usr/bin/env python3
"""Failover time through DNS: against a running Stratus (API_ENDPOINT, DNS_PORT), three local
HTTP backends each guard a PRIMARY failover record (HTTP health checks, RequestInterval 10,
FailureThreshold 1, 2, 3). All three backends stop at once; `dig` polls every 0.2 s until each
name answers its SECONDARY, then the backends restart and the polling times the way back.
Usage: failover.py API_ENDPOINT DNS_PORT      (prints one line per threshold, seconds)"""
import http.server
import subprocess
import sys
import threading
import time
import uuid

import boto3

api, dns_port = sys.argv[1], sys.argv[2]
r53 = boto3.client("route53", endpoint_url=api, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")


class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def serve(port=0):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Ok)
    server.allow_reuse_address = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def dig(name):
    out = subprocess.run(["dig", "@127.0.0.1", "-p", dns_port, "+short", "+time=1", "+tries=1", name, "A"],
                         capture_output=True, text=True).stdout.strip()
    return out


zone = r53.create_hosted_zone(Name="failover.test", CallerReference=str(uuid.uuid4()))["HostedZone"]["Id"]
backends, names = {}, {}
for threshold in (1, 2, 3):
    web = serve()
    port = web.server_address[1]
    backends[threshold] = (web, port)
    hc = r53.create_health_check(CallerReference=str(uuid.uuid4()), HealthCheckConfig={
        "Type": "HTTP", "IPAddress": "127.0.0.1", "Port": port, "ResourcePath": "/",
        "RequestInterval": 10, "FailureThreshold": threshold})["HealthCheck"]["Id"]
    name = f"t{threshold}.failover.test"
    names[threshold] = name
    rr = lambda ident, role, ip, **kw: {"Action": "CREATE", "ResourceRecordSet": dict(
        Name=name, Type="A", TTL=10, SetIdentifier=ident, Failover=role, ResourceRecords=[{"Value": ip}], **kw)}
    r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        rr("p", "PRIMARY", "192.0.2.1", HealthCheckId=hc), rr("s", "SECONDARY", "192.0.2.2")]})

deadline = time.time() + 30
while time.time() < deadline and any(dig(n) != "192.0.2.1" for n in names.values()):
    time.sleep(0.2)
time.sleep(12)  # at least one successful probe each after creation


def watch(want):
    start, done = time.time(), {}
    while len(done) < len(names) and time.time() - start < 90:
        for t, n in names.items():
            if t not in done and dig(n) == want:
                done[t] = time.time() - start
        time.sleep(0.2)
    return done


for web, _ in backends.values():
    web.shutdown()
    web.server_close()
down = watch("192.0.2.2")
for t, (_, port) in backends.items():
    backends[t] = (serve(port), port)
up = watch("192.0.2.1")
for t in names:
    print(f"RequestInterval 10, FailureThreshold {t}: backend stopped -> SECONDARY after {down.get(t, float('nan')):.1f} s;"
          f" restarted -> PRIMARY after {up.get(t, float('nan')):.1f} s")
