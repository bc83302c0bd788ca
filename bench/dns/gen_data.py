#!/usr/bin/env python3
"""Benchmark data for bench/dns, written into the run directory given as argument 1.

  example.test.zone   1,000 A + 20 CNAME records, the zone NSD and PowerDNS serve
  records.json        the same records as Route 53 change batches, plus the policy records
                      lb-w (weighted 90/10) and lb-l (latency eu-west-1 / us-east-1)
  queries-static.txt  dnsperf input: ~85 % A hits, ~5 % CNAME → A, ~10 % NXDOMAIN (seeded)
  queries-weighted.txt / queries-latency.txt   100 % policy-record names
Addresses are from 198.18.0.0/15 (RFC 2544 benchmarking range): only data in answers.
"""
import json
import os
import random
import sys

run = sys.argv[1]
os.makedirs(run, exist_ok=True)
N, NC = 1000, 20
hosts = [(f"host{i:04d}", f"198.18.{i // 250}.{i % 250 + 1}") for i in range(N)]
aliases = ["www", "api"] + [f"cdn{i:02d}" for i in range(NC - 2)]
cnames = [(a, f"host{(j * 37) % N:04d}") for j, a in enumerate(aliases)]

zone = ["$ORIGIN example.test.", "$TTL 300",
        "@ IN SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 86400",
        "@ IN NS ns1.example.test.", "ns1 IN A 127.0.0.1"]
zone += [f"{h} IN A {ip}" for h, ip in hosts]
zone += [f"{a} IN CNAME {t}" for a, t in cnames]
# PowerDNS's answer to a weighted record: a LUA record (PowerDNS only; NSD ignores nothing here)
open(os.path.join(run, "example.test.zone"), "w").write("\n".join(zone) + "\n")
lua = zone + ["lb-w 300 IN LUA A \"pickwrandom({{90,'198.18.10.1'},{10,'198.18.10.2'}})\""]
open(os.path.join(run, "example.test.lua.zone"), "w").write("\n".join(lua) + "\n")

def simple(name, rtype, value):
    return {"Action": "CREATE", "ResourceRecordSet": {"Name": f"{name}.example.test", "Type": rtype, "TTL": 300,
                                                      "ResourceRecords": [{"Value": value}]}}

changes = [simple("ns1", "A", "127.0.0.1")] + [simple(h, "A", ip) for h, ip in hosts]
changes += [simple(a, "CNAME", f"{t}.example.test") for a, t in cnames]
def policy(name, set_id, ip, **kw):
    return {"Action": "CREATE", "ResourceRecordSet": {"Name": f"{name}.example.test", "Type": "A", "TTL": 300,
            "SetIdentifier": set_id, "ResourceRecords": [{"Value": ip}], **kw}}
changes += [policy("lb-w", "blue", "198.18.10.1", Weight=90), policy("lb-w", "green", "198.18.10.2", Weight=10),
            policy("lb-l", "eu", "198.18.11.1", Region="eu-west-1"),
            policy("lb-l", "us", "198.18.11.2", Region="us-east-1")]
json.dump(changes, open(os.path.join(run, "records.json"), "w"))

rnd = random.Random(42)
q = []
for _ in range(20000):
    r = rnd.random()
    if r < 0.10:
        q.append(f"nx{rnd.randrange(10**6):06d}.example.test A")
    elif r < 0.15:
        q.append(f"{rnd.choice(aliases)}.example.test A")
    else:
        q.append(f"{rnd.choice(hosts)[0]}.example.test A")
open(os.path.join(run, "queries-static.txt"), "w").write("\n".join(q) + "\n")
open(os.path.join(run, "queries-weighted.txt"), "w").write("lb-w.example.test A\n" * 1000)
open(os.path.join(run, "queries-latency.txt"), "w").write("lb-l.example.test A\n" * 1000)
