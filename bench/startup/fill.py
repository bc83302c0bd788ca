#!/usr/bin/env python3
"""Fills a Stratus data directory with about N stored resources, through the API, for bench/startup.sh.

  python3 bench/startup/fill.py DATA_DIR N        (e.g. 1000 or 50000)

Starts `./stratus start --data-dir DATA_DIR`, creates Route 53 hosted zones of up to 1,000 A
record sets each (one ChangeResourceRecordSets call per zone) and one VPC with a subnet per 100
resources, stops Stratus, and prints the number of rows in DATA_DIR/stratus.db. Route 53's data
plane reads every zone at start, so this is the start-up cost that grows with the store.
"""
import os, signal, sqlite3, subprocess, sys, time
import boto3
from botocore.config import Config

data_dir, n = sys.argv[1], int(sys.argv[2])
port = os.environ.get("PORT", "24966")
os.makedirs(data_dir, exist_ok=True)
p = subprocess.Popen(["./stratus", "start", "--data-dir", data_dir, "--port", port, "--dns-port", os.environ.get("DNS_PORT", "24953")],
                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
try:
    kw = dict(endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1", aws_access_key_id="test",
              aws_secret_access_key="test", config=Config(retries={"max_attempts": 10}))
    r53, ec2 = boto3.client("route53", **kw), boto3.client("ec2", **kw)
    for _ in range(600):
        try:
            r53.list_hosted_zones(); break
        except Exception:
            time.sleep(0.2)
    records = n * 9 // 10
    made, zone_no = 0, 0
    while made < records:
        batch = min(1000, records - made)
        zone = r53.create_hosted_zone(Name=f"z{zone_no}.fill.test", CallerReference=f"fill-{zone_no}-{time.time()}")["HostedZone"]["Id"]
        r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
            {"Action": "CREATE", "ResourceRecordSet": {"Name": f"r{i}.z{zone_no}.fill.test", "Type": "A", "TTL": 60,
             "ResourceRecords": [{"Value": f"192.0.{(i >> 8) & 255}.{i & 255}"}]}} for i in range(batch)]})
        made += batch
        zone_no += 1
    for v in range(max(1, n // 100)):
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        for s in range(9):
            ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{s}.0/24")
finally:
    os.killpg(p.pid, signal.SIGTERM)
    p.wait(timeout=60)
rows = sqlite3.connect(os.path.join(data_dir, "stratus.db")).execute("SELECT COUNT(*) FROM resource").fetchone()[0]
print(f"{data_dir}: {rows} rows")
