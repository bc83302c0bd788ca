"""One call per protocol through boto3 against a Stratus endpoint (argv[1]); prints one line per call."""
import sys
import boto3

endpoint = sys.argv[1]
kw = dict(endpoint_url=endpoint, aws_access_key_id="AKIDSTRATUSTEST", aws_secret_access_key="secret")


def client(name, region="us-east-1"):
    return boto3.client(name, region_name=region, **kw)


r53 = client("route53").list_resource_record_sets(HostedZoneId="Z1", StartRecordName="a.example.com.", StartRecordType="A")
print("rest-xml", r53["ResourceRecordSets"][0]["Name"], r53["IsTruncated"])
vpcs = client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["a", "b"]}])
print("ec2", vpcs["Vpcs"][0]["VpcId"], vpcs["Vpcs"][0]["Tags"][0]["Value"])
lbs = client("elbv2").describe_load_balancers(Names=["web"])
print("query", lbs["LoadBalancers"][0]["LoadBalancerName"], lbs["LoadBalancers"][0]["CreatedTime"].isoformat())
acls = client("wafv2").list_web_acls(Scope="REGIONAL")
print("json", acls["WebACLs"][0]["Name"])
accs = client("globalaccelerator", "us-west-2").list_accelerators()
print("json-ga", accs["Accelerators"][0]["CreatedTime"].isoformat())
apis = client("apigateway").get_rest_apis()
print("rest-json", apis["items"][0]["name"], apis["items"][0]["createdDate"].isoformat())
v2 = client("apigatewayv2").get_apis()
print("rest-json-v2", v2["Items"][0]["Name"], v2["Items"][0]["CreatedDate"].isoformat())
cf = client("cloudfront").list_distributions()
print("rest-xml-cf", cf["DistributionList"]["Items"][0]["Aliases"]["Items"])
try:
    client("route53").change_resource_record_sets(HostedZoneId="Z1", ChangeBatch={"Comment": "fail", "Changes": [
        {"Action": "DELETE", "ResourceRecordSet": {"Name": "x.", "Type": "A", "TTL": 1, "ResourceRecords": [{"Value": "192.0.2.1"}]}}]})
except Exception as e:  # noqa: BLE001
    print("error", e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"])
