#!/usr/bin/env python3
"""The Route 53 snippet of seed 001 through boto3, against Stratus.

Runs the seed's latency and failover change batches as written, with plain A records in
place of its placeholder ALB aliases and a real health check in place of "hc-12345". The
seed puts failover sets on the same name as the latency sets; Route 53 refuses that (one
routing policy per name and type), so this script checks the refusal and then creates the
failover pair on its own name. Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 route53_seed.py
"""
import os
import sys
import uuid

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ.get("STRATUS_ENDPOINT", "http://127.0.0.1:4566")
route53 = boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")


def check(condition, what):
    if not condition:
        print(f"FAIL: {what}")
        sys.exit(1)
    print(f"ok: {what}")


zone = route53.create_hosted_zone(Name="myapp.com", CallerReference=str(uuid.uuid4()))
HOSTED_ZONE_ID = zone["HostedZone"]["Id"]
check(HOSTED_ZONE_ID.startswith("/hostedzone/Z"), "create_hosted_zone returns /hostedzone/Z…")
check(len(zone["DelegationSet"]["NameServers"]) == 4, "a new zone has four name servers")

health = route53.create_health_check(CallerReference=str(uuid.uuid4()), HealthCheckConfig={
    "Type": "HTTP", "IPAddress": "127.0.0.1", "Port": 80, "ResourcePath": "/health"})
HEALTH_CHECK_ID = health["HealthCheck"]["Id"]


def a_record(name, set_id, value, **policy):
    return {"Name": name, "Type": "A", "SetIdentifier": set_id, "TTL": 60,
            "ResourceRecords": [{"Value": value}], **policy}


# Latency-based routing — route to lowest latency region
latency = route53.change_resource_record_sets(HostedZoneId=HOSTED_ZONE_ID, ChangeBatch={"Changes": [
    {"Action": "CREATE", "ResourceRecordSet": a_record("api.myapp.com", "eu-west-1", "192.0.2.10", Region="eu-west-1")},
    {"Action": "CREATE", "ResourceRecordSet": a_record("api.myapp.com", "us-east-1", "192.0.2.20", Region="us-east-1")},
]})
check(latency["ChangeInfo"]["Status"] in ("PENDING", "INSYNC"), "latency batch accepted")


def failover_batch(name):
    return {"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": a_record(name, "primary", "192.0.2.30", Failover="PRIMARY",
                                                           HealthCheckId=HEALTH_CHECK_ID)},
        {"Action": "CREATE", "ResourceRecordSet": a_record(name, "secondary", "192.0.2.40", Failover="SECONDARY")},
    ]}


# Failover routing — primary/secondary, as the seed writes it: on the latency name.
try:
    route53.change_resource_record_sets(HostedZoneId=HOSTED_ZONE_ID, ChangeBatch=failover_batch("api.myapp.com"))
    check(False, "failover sets beside latency sets of the same name are refused")
except ClientError as e:
    check(e.response["Error"]["Code"] == "InvalidChangeBatch", "failover sets beside latency sets are refused: "
          + e.response["Error"]["Message"][:120])

failover = route53.change_resource_record_sets(HostedZoneId=HOSTED_ZONE_ID,
                                               ChangeBatch=failover_batch("failover.myapp.com"))
change_id = failover["ChangeInfo"]["Id"]
check(route53.get_change(Id=change_id)["ChangeInfo"]["Status"] in ("PENDING", "INSYNC"), "get_change answers")

records = route53.list_resource_record_sets(HostedZoneId=HOSTED_ZONE_ID)["ResourceRecordSets"]
listed = [(r["Name"], r["Type"], r.get("SetIdentifier")) for r in records]
print("listed:", listed)
check(listed == [
    ("myapp.com.", "NS", None),
    ("myapp.com.", "SOA", None),
    ("api.myapp.com.", "A", "eu-west-1"),
    ("api.myapp.com.", "A", "us-east-1"),
    ("failover.myapp.com.", "A", "primary"),
    ("failover.myapp.com.", "A", "secondary"),
], "records listed back in Route 53's order")
latency_sets = [r for r in records if r.get("Region")]
check({r["Region"] for r in latency_sets} == {"eu-west-1", "us-east-1"}, "latency sets keep their regions")
primary = next(r for r in records if r.get("Failover") == "PRIMARY")
check(primary["HealthCheckId"] == HEALTH_CHECK_ID, "the primary keeps its health check")
print("route53_seed.py: all checks passed")
