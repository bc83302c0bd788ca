#!/usr/bin/env python3
"""S3 through boto3 against Stratus: a bucket, an object with metadata, a multipart upload by
the transfer manager, listing by paginator, a presigned GET fetched without credentials, and
the refusals boto3 turns into ClientError. Usage: STRATUS_ENDPOINT=http://127.0.0.1:4566 s3.py
"""
import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.request
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

endpoint = os.environ.get("STRATUS_ENDPOINT", "http://127.0.0.1:4566")
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")


def check(condition, what):
    if not condition:
        print(f"FAIL: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


bucket = "boto3-" + uuid.uuid4().hex[:12]
s3.create_bucket(Bucket=bucket)
check(error_code(lambda: s3.create_bucket(Bucket="Not_Valid")) == "InvalidBucketName", "InvalidBucketName")

body = b"hello from boto3"
put = s3.put_object(Bucket=bucket, Key="a/hello.txt", Body=body, ContentType="text/plain",
                    CacheControl="max-age=30", Metadata={"team": "edge"})
check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "put_object ETag is the MD5")
got = s3.get_object(Bucket=bucket, Key="a/hello.txt")
check(got["Body"].read() == body and got["ContentType"] == "text/plain" and got["CacheControl"] == "max-age=30"
      and got["Metadata"] == {"team": "edge"}, "get_object body, headers and metadata")
check(error_code(lambda: s3.get_object(Bucket=bucket, Key="a/hello.txt", IfNoneMatch=put["ETag"])) == "304",
      "get_object If-None-Match answers 304")

data = os.urandom(12 * 1024 * 1024 + 7)
with tempfile.NamedTemporaryFile() as f:
    f.write(data)
    f.flush()
    s3.upload_file(f.name, bucket, "big.bin",
                   Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024))
head = s3.head_object(Bucket=bucket, Key="big.bin")
check(head["ETag"].endswith('-3"') and head["ContentLength"] == len(data), "upload_file as a 3-part multipart upload")
check(s3.get_object(Bucket=bucket, Key="big.bin")["Body"].read() == data, "multipart object reads back whole")

for i in range(5):
    s3.put_object(Bucket=bucket, Key=f"many/{i}", Body=b"x")
keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="many/",
                                                                          PaginationConfig={"PageSize": 2})
        for o in page.get("Contents", [])]
check(keys == [f"many/{i}" for i in range(5)], "list_objects_v2 paginator over pages of 2")

url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "a/hello.txt"}, ExpiresIn=300)
check(urllib.request.urlopen(url).read() == body, "presigned GET without credentials")
try:
    urllib.request.urlopen(f"{endpoint}/{bucket}/a/hello.txt")
    check(False, "anonymous GET refused")
except urllib.error.HTTPError as e:
    check(e.code == 403 and b"<Code>AccessDenied</Code>" in e.read(), "anonymous GET refused with 403 AccessDenied")

check(error_code(lambda: s3.delete_bucket(Bucket=bucket)) == "BucketNotEmpty", "delete_bucket refused: BucketNotEmpty")
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
    objects = [{"Key": o["Key"]} for o in page.get("Contents", [])]
    if objects:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": objects})
s3.delete_bucket(Bucket=bucket)
check(bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]], "bucket deleted")
print("all checks passed")
