#!/usr/bin/env python3
"""The generated environments of the check-health benchmark (docs/benchmarks.md).

  bench_env.py plan N [MINUTES]      a moto-seed plan (scripts/moto-seed.py) of N resources
  bench_env.py registry < seeded     the faber registry of the seeded resources (moto-seed's output)

Every 10 resources are 4 Lambda functions, 2 ECS services (in one cluster), 2 RDS instances,
1 S3 bucket and 1 REST API. Each resource gets every metric check-health reads (the
MetricCatalog sets): MINUTES points a minute (default 60: an hour), healthy values with a little
deterministic noise; S3's daily storage metrics get one point. Names are bench-<kind>-NNNN.
"""
import json
import random
import sys

CATALOG = {
    "lambda": [("AWS/Lambda", "Invocations", "Count", 50), ("AWS/Lambda", "Errors", "Count", 0),
               ("AWS/Lambda", "Duration", "Milliseconds", 120), ("AWS/Lambda", "Throttles", "Count", 0),
               ("AWS/Lambda", "ConcurrentExecutions", "Count", 3)],
    "rds": [("AWS/RDS", "CPUUtilization", "Percent", 20), ("AWS/RDS", "DatabaseConnections", "Count", 12),
            ("AWS/RDS", "FreeableMemory", "Bytes", 2.5e9), ("AWS/RDS", "ReadLatency", "Seconds", 0.002),
            ("AWS/RDS", "WriteLatency", "Seconds", 0.003)],
    "ecs": [("AWS/ECS", "CPUUtilization", "Percent", 25), ("AWS/ECS", "MemoryUtilization", "Percent", 40),
            ("ECS/ContainerInsights", "RunningTaskCount", "Count", 2),
            ("ECS/ContainerInsights", "DesiredTaskCount", "Count", 2)],
    "api": [("AWS/ApiGateway", "Count", "Count", 300), ("AWS/ApiGateway", "4XXError", "Count", 1),
            ("AWS/ApiGateway", "5XXError", "Count", 0), ("AWS/ApiGateway", "Latency", "Milliseconds", 80),
            ("AWS/ApiGateway", "IntegrationLatency", "Milliseconds", 60)],
    "s3": [("AWS/S3", "4xxErrors", "Count", 0), ("AWS/S3", "5xxErrors", "Count", 0)],
}
MIX = ["lambda", "lambda", "lambda", "lambda", "ecs", "ecs", "rds", "rds", "s3", "api"]


def plan(count: int, minutes: int) -> dict:
    rnd = random.Random(count)
    out = {"lambdas": [], "clusters": [{"name": "bench-cluster"}], "services": [], "db_instances": [],
           "buckets": [], "rest_apis": [], "metrics": []}

    def series(namespace, name, unit, level, dimensions):
        values = [round(level * (1 + rnd.uniform(-0.05, 0.05)), 6) for _ in range(minutes)]
        out["metrics"].append({"namespace": namespace, "name": name, "unit": unit, "dimensions": dimensions,
                               "values": values})

    for index in range(count):
        kind = MIX[index % len(MIX)]
        number = f"{index + 1:04d}"
        if kind == "lambda":
            name = f"bench-fn-{number}"
            out["lambdas"].append({"name": name})
            dimensions = {"FunctionName": name}
        elif kind == "ecs":
            name = f"bench-svc-{number}"
            out["services"].append({"cluster": "bench-cluster", "name": name, "desired": 2})
            dimensions = {"ClusterName": "bench-cluster", "ServiceName": name}
        elif kind == "rds":
            name = f"bench-db-{number}"
            out["db_instances"].append({"id": name})
            dimensions = {"DBInstanceIdentifier": name}
        elif kind == "s3":
            name = f"bench-bucket-{number}"
            out["buckets"].append({"name": name, "block_public": True, "encrypted": True})
            dimensions = {"BucketName": name, "FilterId": "EntireBucket"}
            for metric, storage, value in [("BucketSizeBytes", "StandardStorage", 5e9), ("NumberOfObjects", "AllStorageTypes", 12000)]:
                out["metrics"].append({"namespace": "AWS/S3", "name": metric, "unit": "Bytes" if metric == "BucketSizeBytes" else "Count",
                                       "dimensions": {"BucketName": name, "StorageType": storage}, "values": [value],
                                       "minutes_ago": [720]})
        else:
            name = f"bench-api-{number}"
            out["rest_apis"].append({"name": name})
            dimensions = {"ApiName": name}
        for namespace, metric, unit, level in CATALOG[kind]:
            series(namespace, metric, unit, level, dimensions)
    return out


def registry(seeded: dict) -> dict:
    resources = {}
    for name, arn in seeded["lambdas"].items():
        resources[name.replace("bench-", "", 1)] = {"type": "lambda", "arn": arn}
    for name, arn in seeded["services"].items():
        resources[name.replace("bench-", "", 1)] = {"type": "ecs-service", "arn": arn}
    for name, arn in seeded["db_instances"].items():
        resources[name.replace("bench-", "", 1)] = {"type": "rds-instance", "arn": arn}
    for name, arn in seeded["buckets"].items():
        resources[name.replace("bench-", "", 1)] = {"type": "s3-bucket", "arn": arn}
    for name, api_id in seeded["rest_apis"].items():
        resources[name.replace("bench-", "", 1)] = {"type": "api-gateway", "arn": f"arn:aws:apigateway:us-east-1::/restapis/{api_id}"}
    return {"environment": "bench", "resources": dict(sorted(resources.items()))}


if __name__ == "__main__":
    if sys.argv[1] == "plan":
        print(json.dumps(plan(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 60)))
    else:
        print(json.dumps(registry(json.load(sys.stdin)), indent=2))
