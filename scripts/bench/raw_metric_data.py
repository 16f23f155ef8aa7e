#!/usr/bin/env python3
"""The emulator's own time for check-health's reads: the same GetMetricData calls faber makes (every catalog metric of every resource of REGISTRY, the last hour at a 60 s period, 500
queries a call; S3's daily metrics in their own call at a 1-day period), sent by a raw HTTP
client (urllib, no SDK, unsigned: moto does not check signatures) to $AWS_ENDPOINT_URL, one call
after another. Prints `raw: N calls, T ms` (the sum of the calls' times) to stdout.

  scripts/bench/raw_metric_data.py REGISTRY
"""
import json
import os
import sys
import time
import urllib.request

METRICS = {
    "lambda": [("AWS/Lambda", m, s) for m, s in [("Invocations", "Sum"), ("Errors", "Sum"), ("Duration", "Maximum"),
                                                  ("Throttles", "Sum"), ("ConcurrentExecutions", "Maximum")]],
    "rds-instance": [("AWS/RDS", m, "Average") for m in ["CPUUtilization", "DatabaseConnections", "FreeableMemory",
                                                          "ReadLatency", "WriteLatency"]],
    "ecs-service": [("AWS/ECS", "CPUUtilization", "Average"), ("AWS/ECS", "MemoryUtilization", "Average"),
                    ("ECS/ContainerInsights", "RunningTaskCount", "Average"), ("ECS/ContainerInsights", "DesiredTaskCount", "Average")],
    "api-gateway": [("AWS/ApiGateway", m, s) for m, s in [("Count", "Sum"), ("4XXError", "Sum"), ("5XXError", "Sum"),
                                                           ("Latency", "Average"), ("IntegrationLatency", "Average")]],
    "s3-bucket": [("AWS/S3", "4xxErrors", "Sum"), ("AWS/S3", "5xxErrors", "Sum")],
}


def queries(registry: dict) -> tuple[list, list]:
    hourly, daily = [], []
    for resource in registry["resources"].values():
        kind, arn = resource["type"], resource["arn"]
        name = arn.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        if kind == "ecs-service":
            cluster = arn.split("/")[-2]
            dims = [{"Name": "ClusterName", "Value": cluster}, {"Name": "ServiceName", "Value": name}]
        elif kind == "lambda":
            dims = [{"Name": "FunctionName", "Value": name}]
        elif kind == "rds-instance":
            dims = [{"Name": "DBInstanceIdentifier", "Value": name}]
        elif kind == "api-gateway":
            dims = [{"Name": "ApiName", "Value": resource.get("api_name", name)}]
        else:
            dims = [{"Name": "BucketName", "Value": name}, {"Name": "FilterId", "Value": "EntireBucket"}]
            for metric, storage in [("BucketSizeBytes", "StandardStorage"), ("NumberOfObjects", "AllStorageTypes")]:
                daily.append((("AWS/S3", metric, "Average"), [{"Name": "BucketName", "Value": name}, {"Name": "StorageType", "Value": storage}]))
        for metric in METRICS[kind]:
            hourly.append((metric, dims))
    return hourly, daily


def call(endpoint: str, batch: list, start: float, end: float, period: int) -> float:
    body = {"StartTime": start, "EndTime": end, "MetricDataQueries": [
        {"Id": f"q{i}", "ReturnData": True, "MetricStat": {"Period": period, "Stat": stat,
         "Metric": {"Namespace": namespace, "MetricName": name, "Dimensions": dims}}}
        for i, ((namespace, name, stat), dims) in enumerate(batch)]}
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.GetMetricData",
        # Unsigned, but moto routes a request by the service of its credential scope.
        "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/monitoring/aws4_request"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        answer = json.loads(response.read())
    if "MetricDataResults" not in answer:
        sys.exit(f"raw: not a GetMetricData answer: {str(answer)[:200]}")
    return time.perf_counter() - began


def main() -> None:
    registry = json.load(open(sys.argv[1]))
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    # API names: the bench registry's APIs are named bench-api-NNNN after their key.
    for key, resource in registry["resources"].items():
        if resource["type"] == "api-gateway":
            resource["api_name"] = "bench-" + key
    hourly, daily = queries(registry)
    now = time.time()
    total, calls = 0.0, 0
    for start in range(0, len(hourly), 500):
        total += call(endpoint, hourly[start:start + 500], now - 3600, now, 60)
        calls += 1
    if daily:
        total += call(endpoint, daily, now - 2 * 86400, now, 86400)
        calls += 1
    # The slowest status reads in moto: DescribeDBInstances (query protocol) and GetFunction.
    status = 0.0
    began = time.perf_counter()
    form = urllib.request.Request(endpoint, data=b"Action=DescribeDBInstances&Version=2014-10-31", method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded",
                                           "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/rds/aws4_request"})
    with urllib.request.urlopen(form, timeout=600) as response:
        response.read()
    rds = time.perf_counter() - began
    lambdas = [r["arn"].rsplit(":", 1)[-1] for r in registry["resources"].values() if r["type"] == "lambda"][:20]
    began = time.perf_counter()
    for name in lambdas:
        get = urllib.request.Request(f"{endpoint}/2015-03-31/functions/{name}", method="GET", headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/lambda/aws4_request"})
        with urllib.request.urlopen(get, timeout=600) as response:
            response.read()
    functions = (time.perf_counter() - began) / max(1, len(lambdas))
    print(f"raw: {calls} calls, {total * 1000:.0f} ms; DescribeDBInstances {rds * 1000:.0f} ms; GetFunction {functions * 1000:.0f} ms each")


if __name__ == "__main__":
    main()
