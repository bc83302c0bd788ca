#!/usr/bin/env python3
"""The WAF snippet of seed 001 through boto3, against Stratus.

Runs the seed's create_web_acl call as written (a CLOUDFRONT web ACL through us-east-1 with a
rate-based rule and AWSManagedRulesCommonRuleSet), then reads it back, checks its capacity
(2 WCU for the rate-based rule + 700 for CRS), the CLOUDFRONT-scope trap outside us-east-1, the
CRS catalogue entry the seed's failure case is about, and deletes it with its LockToken.
Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 wafv2_seed.py
"""
import os
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ.get("STRATUS_ENDPOINT", "http://127.0.0.1:4566")
credentials = dict(aws_access_key_id="test", aws_secret_access_key="test")


def check(condition, what):
    if not condition:
        print(f"FAIL: {what}")
        sys.exit(1)
    print(f"ok: {what}")


# --- the seed, as written (plus the endpoint and test credentials) -------------------------
wafv2 = boto3.client("wafv2", region_name="us-east-1", endpoint_url=endpoint, **credentials)  # CloudFront WAF must be us-east-1

# Create a rate-based rule (IP-level rate limiting)
response = wafv2.create_web_acl(
    Name="MyAppWAF",
    Scope="CLOUDFRONT",
    DefaultAction={"Allow": {}},
    Rules=[
        {
            "Name": "RateLimitRule",
            "Priority": 1,
            "Action": {"Block": {}},
            "Statement": {
                "RateBasedStatement": {
                    "Limit": 2000,  # max 2000 requests per 5 minutes per IP
                    "AggregateKeyType": "IP",
                }
            },
            "VisibilityConfig": {
                "SampledRequestsEnabled": True,
                "CloudWatchMetricsEnabled": True,
                "MetricName": "RateLimitRule",
            },
        },
        {
            "Name": "AWSManagedRulesCore",
            "Priority": 2,
            "OverrideAction": {"None": {}},
            "Statement": {
                "ManagedRuleGroupStatement": {
                    "VendorName": "AWS",
                    "Name": "AWSManagedRulesCommonRuleSet",
                }
            },
            "VisibilityConfig": {
                "SampledRequestsEnabled": True,
                "CloudWatchMetricsEnabled": True,
                "MetricName": "CommonRuleSet",
            },
        },
    ],
    VisibilityConfig={
        "SampledRequestsEnabled": True,
        "CloudWatchMetricsEnabled": True,
        "MetricName": "MyAppWAF",
    },
)
# --- end of the seed -------------------------------------------------------------------------

summary = response["Summary"]
check(summary["ARN"].startswith("arn:aws:wafv2:us-east-1:") and ":global/webacl/MyAppWAF/" in summary["ARN"],
      "create_web_acl returns a global (CloudFront) web ACL ARN")
got = wafv2.get_web_acl(Name="MyAppWAF", Scope="CLOUDFRONT", Id=summary["Id"])
acl = got["WebACL"]
check([r["Name"] for r in acl["Rules"]] == ["RateLimitRule", "AWSManagedRulesCore"], "both rules stored in order")
check(acl["Rules"][0]["Statement"]["RateBasedStatement"]["Limit"] == 2000, "rate limit 2000 per IP")
check(acl["Capacity"] == 702, f"capacity 702 WCU (rate-based 2 + CRS 700), got {acl['Capacity']}")
check(got["LockToken"] == summary["LockToken"], "LockToken matches the create summary")

try:
    wafv2.create_web_acl(Name="MyAppWAF", Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
                         VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                           "MetricName": "MyAppWAF"})
    check(False, "a second MyAppWAF is refused")
except ClientError as e:
    check(e.response["Error"]["Code"] == "WAFDuplicateItemException", "a second MyAppWAF: WAFDuplicateItemException")

elsewhere = boto3.client("wafv2", region_name="eu-west-1", endpoint_url=endpoint, **credentials)
try:
    elsewhere.list_web_acls(Scope="CLOUDFRONT")
    check(False, "CLOUDFRONT scope outside us-east-1 is refused")
except ClientError as e:
    check(e.response["Error"]["Code"] == "WAFInvalidParameterException"
          and "SCOPE_VALUE" in e.response["Error"]["Message"],
          "CLOUDFRONT scope from eu-west-1: WAFInvalidParameterException (SCOPE_VALUE)")

crs = wafv2.describe_managed_rule_group(VendorName="AWS", Name="AWSManagedRulesCommonRuleSet", Scope="CLOUDFRONT")
names = [r["Name"] for r in crs["Rules"]]
check("SizeRestrictions_BODY" in names and "CrossSiteScripting_BODY" in names,
      "CRS lists SizeRestrictions_BODY and CrossSiteScripting_BODY (the seed's false positives)")

try:
    wafv2.delete_web_acl(Name="MyAppWAF", Scope="CLOUDFRONT", Id=summary["Id"], LockToken="00000000-0000-4000-8000-000000000000")
    check(False, "a stale LockToken is refused")
except ClientError as e:
    check(e.response["Error"]["Code"] == "WAFOptimisticLockException", "stale LockToken: WAFOptimisticLockException")
wafv2.delete_web_acl(Name="MyAppWAF", Scope="CLOUDFRONT", Id=summary["Id"], LockToken=got["LockToken"])
check(all(w["Name"] != "MyAppWAF" for w in wafv2.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]), "deleted")
print("wafv2_seed.py: all checks passed")
