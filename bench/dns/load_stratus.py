#!/usr/bin/env python3
"""Loads records.json (from gen_data.py) into Stratus's Route 53 as zone example.test, through
boto3 — the same API a user calls. Usage: load_stratus.py RUN_DIR API_ENDPOINT"""
import json
import sys
import uuid

import boto3

run, endpoint = sys.argv[1], sys.argv[2]
r53 = boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
zone_id = r53.create_hosted_zone(Name="example.test", CallerReference=str(uuid.uuid4()))["HostedZone"]["Id"]
changes = json.load(open(f"{run}/records.json"))
for i in range(0, len(changes), 500):  # Route 53 takes at most 1,000 ResourceRecord elements a request
    r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes[i:i + 500]})
print(zone_id)
