#!/usr/bin/env python3
"""What `faber run '/inventory --env test'` does, written as a plain boto3 script (the usual
alternative): status of the demo resources, their CloudWatch metrics over the last hour in one
GetMetricData call, and their tags. Calls run one after another, as such scripts usually do."""
import datetime
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = os.environ["AWS_ENDPOINT_URL"]
config = Config(disable_request_compression=True)
session = boto3.session.Session(region_name="us-east-1")
client = lambda name: session.client(name, endpoint_url=endpoint, config=config)

status = {}
status["orders-api"] = client("lambda").get_function(FunctionName="orders-api")["Configuration"]["State"]
service = client("ecs").describe_services(cluster="demo", services=["web"])["services"][0]
status["web"] = f'{service["runningCount"]}/{service["desiredCount"]}'
status["orders-db"] = client("rds").describe_db_instances()["DBInstances"][0]["DBInstanceStatus"]
s3 = client("s3")
names = {b["Name"] for b in s3.list_buckets()["Buckets"]}
for bucket in ["faber-demo-uploads", "faber-demo-reports-gone"]:
    if bucket not in names:
        try:
            s3.head_bucket(Bucket=bucket)
        except ClientError:
            status[bucket] = "missing"

now = datetime.datetime.now(datetime.timezone.utc)
queries = []
def metric(namespace, name, dimensions, stat):
    queries.append({"Id": f"m{len(queries)}", "MetricStat": {"Metric": {
        "Namespace": namespace, "MetricName": name,
        "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()]},
        "Period": 60, "Stat": stat}})
for name, stat in [("Invocations", "Sum"), ("Errors", "Sum"), ("Duration", "Average"), ("Throttles", "Sum"),
                   ("ConcurrentExecutions", "Maximum")]:
    metric("AWS/Lambda", name, {"FunctionName": "orders-api"}, stat)
for name in ["CPUUtilization", "MemoryUtilization"]:
    metric("AWS/ECS", name, {"ClusterName": "demo", "ServiceName": "web"}, "Average")
for name, stat in [("CPUUtilization", "Average"), ("DatabaseConnections", "Average"), ("FreeableMemory", "Average"),
                   ("ReadLatency", "Average"), ("WriteLatency", "Average")]:
    metric("AWS/RDS", name, {"DBInstanceIdentifier": "orders-db"}, stat)
for bucket in ["faber-demo-uploads", "faber-demo-reports-gone"]:
    for name in ["4xxErrors", "5xxErrors"]:
        metric("AWS/S3", name, {"BucketName": bucket, "FilterId": "EntireBucket"}, "Sum")
    metric("AWS/S3", "BucketSizeBytes", {"BucketName": bucket, "StorageType": "StandardStorage"}, "Average")
    metric("AWS/S3", "NumberOfObjects", {"BucketName": bucket, "StorageType": "AllStorageTypes"}, "Average")
metrics = client("cloudwatch").get_metric_data(MetricDataQueries=queries, StartTime=now - datetime.timedelta(hours=1),
                                               EndTime=now)["MetricDataResults"]
tags = client("resourcegroupstaggingapi").get_resources()["ResourceTagMappingList"]
print(len(status), len(metrics), len(tags))
