#!/usr/bin/env python3
"""Seeds a moto server with the resources, metrics and log events a handler test needs.

Usage: scripts/moto-seed.py --endpoint http://127.0.0.1:PORT [--region us-east-1] < plan.json

The plan is one JSON object; every key is optional:

  lambdas          [{name, runtime?, env?: {K: V}, tags?: {K: V}, reserved_concurrency?}]
  clusters         [{name, tags?, untagged?: bool}]      (tagged by default: moto's tagging API
                                                          fails on untagged ECS clusters)
  services         [{cluster, name, desired?, log_group?, tags?}]
  db_instances     [{id, engine?, class?, encrypted?, public?, tags?}]
  buckets          [{name, block_public?: bool, encrypted?: bool, tags?}]
  rest_apis        [{name, tags?}]                        -> outputs rest_apis {name: id}
  security_groups  [{name, open_ports?: [int], open_ipv6_all?: bool}]
                                                          -> outputs security_groups {name: id}
  metrics          [{namespace, name, dimensions: {K: V}, unit?, values: [number],
                     minutes_ago?: [number]}]  one datapoint per value, minutes_ago[i] before now
                                                (default: 1, 2, 3, ... minutes before now)
  log_groups       [{name, streams: {stream: [{message, seconds_ago}]}}]
  ce_results       [ResultsByTime-style objects] queued on /moto-api/static/ce/cost-and-usage-results

Prints {"lambdas": {name: arn}, "services": {name: arn}, "db_instances": {id: arn},
"buckets": {name: arn}, "rest_apis": {name: id}, "security_groups": {name: id}, "now_ms": int}.
Request compression is off: moto answers compressed PutMetricData with a 500.
"""
import argparse
import datetime
import io
import json
import sys
import time
import urllib.request
import zipfile

import boto3
from botocore.config import Config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    plan = json.load(sys.stdin)
    config = Config(disable_request_compression=True, retries={"max_attempts": 3, "mode": "standard"})

    def client(service: str):
        return boto3.client(service, endpoint_url=args.endpoint, region_name=args.region,
                            aws_access_key_id="testing", aws_secret_access_key="testing", config=config)

    out = {"lambdas": {}, "services": {}, "db_instances": {}, "buckets": {}, "rest_apis": {},
           "security_groups": {}, "now_ms": int(time.time() * 1000)}

    if plan.get("lambdas"):
        role = ensure_role(client("iam"))
        lam = client("lambda")
        for fn in plan["lambdas"]:
            kwargs = dict(FunctionName=fn["name"], Runtime=fn.get("runtime", "python3.12"), Role=role,
                          Handler="index.handler", Code={"ZipFile": lambda_zip()})
            if fn.get("env"):
                kwargs["Environment"] = {"Variables": fn["env"]}
            if fn.get("tags"):
                kwargs["Tags"] = fn["tags"]
            arn = lam.create_function(**kwargs)["FunctionArn"]
            if "reserved_concurrency" in fn:
                lam.put_function_concurrency(FunctionName=fn["name"],
                                             ReservedConcurrentExecutions=fn["reserved_concurrency"])
            out["lambdas"][fn["name"]] = arn

    ecs = client("ecs") if plan.get("clusters") or plan.get("services") else None
    for cluster in plan.get("clusters", []):
        if cluster.get("untagged"):
            ecs.create_cluster(clusterName=cluster["name"])
            continue
        tags = cluster.get("tags") or {"seeded-by": "faber-tests"}
        ecs.create_cluster(clusterName=cluster["name"], tags=[{"key": k, "value": v} for k, v in tags.items()])
    for service in plan.get("services", []):
        log_group = service.get("log_group")
        container = {"name": "app", "image": "nginx", "memory": 128}
        if log_group:
            container["logConfiguration"] = {"logDriver": "awslogs", "options": {
                "awslogs-group": log_group, "awslogs-region": args.region, "awslogs-stream-prefix": "app"}}
        task = ecs.register_task_definition(family=f"{service['name']}-task",
                                            containerDefinitions=[container])["taskDefinition"]["taskDefinitionArn"]
        kwargs = dict(cluster=service["cluster"], serviceName=service["name"], taskDefinition=task,
                      desiredCount=service.get("desired", 2))
        if service.get("tags"):
            kwargs["tags"] = [{"key": k, "value": v} for k, v in service["tags"].items()]
        out["services"][service["name"]] = ecs.create_service(**kwargs)["service"]["serviceArn"]

    if plan.get("db_instances"):
        rds = client("rds")
        for db in plan["db_instances"]:
            kwargs = dict(DBInstanceIdentifier=db["id"], DBInstanceClass=db.get("class", "db.t3.micro"),
                          Engine=db.get("engine", "postgres"), MasterUsername="faber",
                          MasterUserPassword="not-a-secret-1", AllocatedStorage=20,
                          StorageEncrypted=db.get("encrypted", True), PubliclyAccessible=db.get("public", False))
            if db.get("tags"):
                kwargs["Tags"] = [{"Key": k, "Value": v} for k, v in db["tags"].items()]
            out["db_instances"][db["id"]] = rds.create_db_instance(**kwargs)["DBInstance"]["DBInstanceArn"]

    if plan.get("buckets"):
        s3 = client("s3")
        for bucket in plan["buckets"]:
            name = bucket["name"]
            if args.region == "us-east-1":
                s3.create_bucket(Bucket=name)
            else:
                s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": args.region})
            if bucket.get("block_public"):
                s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
                    "BlockPublicAcls": True, "IgnorePublicAcls": True,
                    "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
            if bucket.get("encrypted"):
                s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
            if bucket.get("tags"):
                s3.put_bucket_tagging(Bucket=name, Tagging={
                    "TagSet": [{"Key": k, "Value": v} for k, v in bucket["tags"].items()]})
            out["buckets"][name] = f"arn:aws:s3:::{name}"

    if plan.get("rest_apis"):
        apigw = client("apigateway")
        for api in plan["rest_apis"]:
            kwargs = dict(name=api["name"])
            if api.get("tags"):
                kwargs["tags"] = api["tags"]
            out["rest_apis"][api["name"]] = apigw.create_rest_api(**kwargs)["id"]

    if plan.get("security_groups"):
        ec2 = client("ec2")
        vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        for group in plan["security_groups"]:
            group_id = ec2.create_security_group(GroupName=group["name"], Description="faber test",
                                                 VpcId=vpc)["GroupId"]
            permissions = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}]} for port in group.get("open_ports", [])]
            if group.get("open_ipv6_all"):
                permissions.append({"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
            if permissions:
                ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=permissions)
            out["security_groups"][group["name"]] = group_id

    if plan.get("metrics"):
        cloudwatch = client("cloudwatch")
        now = datetime.datetime.now(datetime.timezone.utc)
        for metric in plan["metrics"]:
            ago = metric.get("minutes_ago") or list(range(1, len(metric["values"]) + 1))
            data = [{"MetricName": metric["name"],
                     "Dimensions": [{"Name": k, "Value": v} for k, v in metric["dimensions"].items()],
                     "Timestamp": now - datetime.timedelta(minutes=minutes), "Value": float(value),
                     "Unit": metric.get("unit", "None")} for value, minutes in zip(metric["values"], ago)]
            for start in range(0, len(data), 500):
                cloudwatch.put_metric_data(Namespace=metric["namespace"], MetricData=data[start:start + 500])

    if plan.get("log_groups"):
        logs = client("logs")
        now_ms = out["now_ms"]
        for group in plan["log_groups"]:
            logs.create_log_group(logGroupName=group["name"])
            for stream, events in group.get("streams", {}).items():
                logs.create_log_stream(logGroupName=group["name"], logStreamName=stream)
                batch = sorted(({"timestamp": now_ms - int(e["seconds_ago"] * 1000), "message": e["message"]}
                                for e in events), key=lambda e: e["timestamp"])
                for start in range(0, len(batch), 1000):
                    logs.put_log_events(logGroupName=group["name"], logStreamName=stream,
                                        logEvents=batch[start:start + 1000])

    if plan.get("ce_results"):
        body = json.dumps({"results": plan["ce_results"]}).encode()
        request = urllib.request.Request(args.endpoint + "/moto-api/static/ce/cost-and-usage-results",
                                         data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            if response.status != 201:
                raise SystemExit(f"queuing Cost Explorer results failed: HTTP {response.status}")

    json.dump(out, sys.stdout)


def ensure_role(iam) -> str:
    name = "faber-test-lambda-role"
    try:
        return iam.get_role(RoleName=name)["Role"]["Arn"]
    except iam.exceptions.NoSuchEntityException:
        pass
    try:
        return iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                   "Principal": {"Service": "lambda.amazonaws.com"}}]}))["Role"]["Arn"]
    except iam.exceptions.EntityAlreadyExistsException:  # another test made it at the same moment
        return iam.get_role(RoleName=name)["Role"]["Arn"]


def lambda_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {'ok': True}\n")
    return buffer.getvalue()


if __name__ == "__main__":
    main()
