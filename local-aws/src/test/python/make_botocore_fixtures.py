"""Writes botocore-signed requests as fixtures for local-aws's SigV4 tests (src/test/resources/botocore).

botocore signs only the headers it chooses (content-type, host, x-amz-date), unlike the Java SDK; these
fixtures make sure local-aws verifies such requests wherever the tests run, with or without Python.
Run from local-aws/: python3 src/test/python/make_botocore_fixtures.py   (needs botocore)
"""
import os

import botocore
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

DEMO = Credentials("AKIALOCALAWSDEMO0001", "localaws/demo/secret/key/0000000000000")
OUT = os.path.join("src", "test", "resources", "botocore")


def write(name, request, note):
    split = botocore.compat.urlsplit(request.url)
    target = split.path + ("?" + split.query if split.query else "")
    lines = ["%s %s HTTP/1.1" % (request.method, target)]
    lines.append("Host:%s" % split.netloc)  # what the HTTP layer sends, and botocore signed
    lines += ["%s:%s" % (k, v) for k, v in request.headers.items()]
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    with open(os.path.join(OUT, name + ".sreq"), "wb") as f:
        f.write(("\n".join(lines) + "\n\n").encode("utf-8") + body)
    print(name, "-", note)


def signed(auth_class, request, service, **kwargs):
    # Signed now: the tests check each fixture against a clock set to its own X-Amz-Date.
    auth_class(DEMO, service, "us-east-1", **kwargs).add_auth(request)
    return request


def main():
    os.makedirs(OUT, exist_ok=True)
    form = "Action=DescribeStoreImageTasks&Version=2016-11-15&MaxResults=10"
    ec2 = AWSRequest("POST", "http://127.0.0.1:4599/", data=form,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    write("ec2-describe-store-image-tasks", signed(SigV4Auth, ec2, "ec2"),
          "EC2 Query, as the AWS CLI sends it: content-type;host;x-amz-date signed")
    create = AWSRequest("POST", "http://127.0.0.1:4599/", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        data="Action=CreateStoreImageTask&Version=2016-11-15&ImageId=ami-0a1b2c3d4e5f60005&Bucket=acme-ami-archive")
    write("ec2-create-store-image-task", signed(SigV4Auth, create, "ec2"), "a create, body signed")
    path = "/datastore/a1b2c3d4e5f60718293a4b5c6d7e8f90/imageSet/99999999999999999999999999999999/listImageSetVersions"
    mi = AWSRequest("POST", "http://127.0.0.1:4599" + path + "?maxResults=50", data=b"",
                    headers={"Content-Type": "application/json"})
    write("medical-imaging-list-image-set-versions", signed(SigV4Auth, mi, "medical-imaging"),
          "REST-JSON with a query string")
    presigned = AWSRequest("GET", "http://127.0.0.1:4599/?Action=DescribeStoreImageTasks&Version=2016-11-15")
    write("ec2-presigned", signed(SigV4QueryAuth, presigned, "ec2", expires=300),
          "a presigned URL (query-string signature), valid 300 s")


if __name__ == "__main__":
    main()
