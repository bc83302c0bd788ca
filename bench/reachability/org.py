#!/usr/bin/env python3
"""Reachability benchmark driver: builds an organisation of VPCs on one transit gateway through
Stratus's EC2 API (boto3, as a user would), then times Network Insights analyses through the same
API, at several organisation sizes (the organisation grows in place: 500, then 1,000, ...).

Each VPC i: 10.<i//256>.<i%256>.0/24, one subnet, one security group with 10 ingress rules
(tcp 443 and 8000-8008 from 10.0.0.0/8; so 10 SG rules per VPC, 50,000 at 5,000 VPCs), one
instance, a default route 10.0.0.0/8 -> the transit gateway, and a VPC attachment. Environments:
every 50th VPC is "shared", the rest alternate "prod" / "dev". The transit gateway has default
association/propagation off and one route table per environment: an attachment is associated with
its environment's table and propagates into it and into "shared"; shared attachments propagate
into every table. So prod<->prod, dev<->dev and anything<->shared are reachable, prod<->dev is not.

Usage: org.py ENDPOINT [--sizes 500,1000,2500,5000] [--threads 8] [--sample 100] [--seed 7]
Prints one JSON line per size and a table at the end.
"""
import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

RULE_PORTS = [443] + list(range(8000, 8009))
_local = threading.local()
_lock = threading.Lock()


def ec2(endpoint):
    c = getattr(_local, "ec2", None)
    if c is None:
        with _lock:
            c = boto3.session.Session().client(
                "ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                aws_secret_access_key="test", config=Config(retries={"max_attempts": 2}, max_pool_connections=4))
        _local.ec2 = c
    return c


def env_of(i):
    return "shared" if i % 50 == 0 else ("prod" if i % 2 else "dev")


def tags(kind, **kv):
    return [{"ResourceType": kind, "Tags": [{"Key": k, "Value": v} for k, v in kv.items()]}]


def build_vpc(endpoint, i, tgw, tables):
    c = ec2(endpoint)
    env = env_of(i)
    cidr = f"10.{i // 256}.{i % 256}.0/24"
    vpc = c.create_vpc(CidrBlock=cidr, TagSpecifications=tags("vpc", Name=f"vpc-{i}", Environment=env))["Vpc"]["VpcId"]
    subnet = c.create_subnet(VpcId=vpc, CidrBlock=cidr)["Subnet"]["SubnetId"]
    sg = c.create_security_group(VpcId=vpc, GroupName=f"app-{i}", Description="app")["GroupId"]
    c.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]} for p in RULE_PORTS])
    inst = c.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1, SubnetId=subnet,
                           SecurityGroupIds=[sg])["Instances"][0]["InstanceId"]
    att = c.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[subnet])[
        "TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    # AWS refuses a route to a transit gateway the VPC is not attached to: attach first.
    rtb = c.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"][0]["RouteTableId"]
    c.create_route(RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8", TransitGatewayId=tgw)
    c.associate_transit_gateway_route_table(TransitGatewayRouteTableId=tables[env], TransitGatewayAttachmentId=att)
    into = set(tables.values()) if env == "shared" else {tables[env], tables["shared"]}
    for t in into:
        c.enable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=t, TransitGatewayAttachmentId=att)
    return inst, 9 + len(into)


def analyse(endpoint, src, dst, port=443):
    """One analysis end to end: CreateNetworkInsightsPath, Start, Describe until finished."""
    c = ec2(endpoint)
    t0 = time.perf_counter()
    path = c.create_network_insights_path(Source=src, Destination=dst, Protocol="tcp", DestinationPort=port)[
        "NetworkInsightsPath"]["NetworkInsightsPathId"]
    t1 = time.perf_counter()
    nia = c.start_network_insights_analysis(NetworkInsightsPathId=path)["NetworkInsightsAnalysis"][
        "NetworkInsightsAnalysisId"]
    start_s = time.perf_counter() - t1
    while True:
        a = c.describe_network_insights_analyses(NetworkInsightsAnalysisIds=[nia])["NetworkInsightsAnalyses"][0]
        if a["Status"] != "running":
            break
        time.sleep(0.01)
    return time.perf_counter() - t0, a.get("NetworkPathFound"), a["Status"], start_s


def server_cpu_s(pid):
    """The server's user + system CPU time in seconds (0 without a pid): unlike the build rate, it
    does not move with the load other processes put on the machine."""
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("endpoint")
    ap.add_argument("--sizes", default="500,1000,2500,5000")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--server-pid", type=int, help="the server's pid: also report its CPU time per VPC built")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rnd = random.Random(args.seed)
    c = ec2(args.endpoint)
    tgw = c.create_transit_gateway(Description="org", Options={
        "DefaultRouteTableAssociation": "disable", "DefaultRouteTablePropagation": "disable"})[
        "TransitGateway"]["TransitGatewayId"]
    tables = {e: c.create_transit_gateway_route_table(TransitGatewayId=tgw, TagSpecifications=tags(
        "transit-gateway-route-table", Name=e))["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        for e in ("prod", "dev", "shared")}
    instances, results, built_calls, build_s = [], [], 0, 0.0
    with ThreadPoolExecutor(args.threads) as pool:
        for size in sizes:
            t0, cpu0 = time.perf_counter(), server_cpu_s(args.server_pid)
            done = list(pool.map(lambda i: build_vpc(args.endpoint, i, tgw, tables), range(len(instances), size)))
            step = time.perf_counter() - t0
            cpu = server_cpu_s(args.server_pid) - cpu0
            build_s += step
            calls = sum(n for _, n in done)
            built_calls += calls
            instances += [i for i, _ in done]
            sg_rules = size * len(RULE_PORTS)
            cold = analyse(args.endpoint, instances[1], instances[3])[0]   # first after a change: snapshot rebuilt
            warm = sorted(analyse(args.endpoint, instances[1], instances[3])[0] for _ in range(10))
            sample = rnd.sample(instances, min(args.sample, len(instances)))
            pairs = [(a, b) for a in sample for b in sample if a != b]
            t1 = time.perf_counter()
            outs = list(pool.map(lambda p: analyse(args.endpoint, p[0], p[1]), pairs))
            all_pairs = time.perf_counter() - t1
            r = {"vpcs": size, "sg_rules": sg_rules, "build_step_s": round(step, 1),
                 "build_calls_per_s": round(calls / step, 1), "vpcs_per_s": round(len(done) / step, 1),
                 "server_cpu_ms_per_vpc": round(cpu * 1000 / len(done), 1),
                 "first_analysis_s": round(cold, 3), "analysis_median_ms": round(statistics.median(warm) * 1000, 1),
                 "pairs": len(pairs), "all_pairs_s": round(all_pairs, 1),
                 "analyses_per_s": round(len(pairs) / all_pairs, 1),
                 "start_call_median_ms": round(statistics.median(o[3] for o in outs) * 1000, 1),
                 "reachable": sum(1 for o in outs if o[1]), "failed": sum(1 for o in outs if o[2] != "succeeded")}
            results.append(r)
            print(json.dumps(r), flush=True)
    print(f"\nbuilt {len(instances)} VPCs with {built_calls} API calls in {build_s:.0f} s "
          f"({built_calls / build_s:.0f} calls/s, {args.threads} client threads)")
    print(f"{'VPCs':>6} {'SG rules':>9} {'build s':>8} {'VPC/s':>6} {'1st analysis s':>15} {'analysis ms':>12} "
          f"{'pairs':>6} {'all-pairs s':>12} {'analyses/s':>11} {'Start ms':>9} {'reachable':>10} {'server CPU ms/VPC':>18}")
    for r in results:
        print(f"{r['vpcs']:>6} {r['sg_rules']:>9} {r['build_step_s']:>8} {r['vpcs_per_s']:>6} {r['first_analysis_s']:>15} "
              f"{r['analysis_median_ms']:>12} {r['pairs']:>6} {r['all_pairs_s']:>12} {r['analyses_per_s']:>11} "
              f"{r['start_call_median_ms']:>9} {r['reachable']:>10} {r['server_cpu_ms_per_vpc']:>18}")


if __name__ == "__main__":
    sys.exit(main())
