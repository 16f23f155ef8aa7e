#!/usr/bin/env python3
"""The AWS reads of faber's check-health as a boto3 script a competent engineer would write.

Usage: scripts/bench/check_health_boto3.py REGISTRY

One process, clients created once, batched describes (RDS paginated once for all, ECS 10
services a call per cluster, ListFunctions when there are more than 20 functions, ListBuckets
once plus HeadBucket for the buckets it does not list, GetRestApis paginated), GetMetricData in
batches of 500 queries, and the status reads running concurrently with the metric batches in a
thread pool (boto3 clients are thread-safe; they are all created up front in the main thread).
Reads only: it does not classify health.

Talks to $AWS_ENDPOINT_URL when set. Prints {"resources", "statuses": {id: "ok"|"missing"},
"series": metric series with at least one point} to stdout and `boto3: N AWS calls` to stderr
(every HTTP request sent, retries included).
"""
import concurrent.futures
import datetime
import json
import os
import sys
import threading

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

METRICS = {
    "lambda": [("AWS/Lambda", "Invocations", "Sum"), ("AWS/Lambda", "Errors", "Sum"),
               ("AWS/Lambda", "Duration", "Maximum"), ("AWS/Lambda", "Throttles", "Sum"),
               ("AWS/Lambda", "ConcurrentExecutions", "Maximum")],
    "rds-instance": [("AWS/RDS", name, "Average") for name in
                     ("CPUUtilization", "DatabaseConnections", "FreeableMemory", "ReadLatency", "WriteLatency")],
    "ecs-service": [("AWS/ECS", "CPUUtilization", "Average"), ("AWS/ECS", "MemoryUtilization", "Average"),
                    ("ECS/ContainerInsights", "RunningTaskCount", "Average"),
                    ("ECS/ContainerInsights", "DesiredTaskCount", "Average")],
    "api-gateway": [("AWS/ApiGateway", "Count", "Sum"), ("AWS/ApiGateway", "4XXError", "Sum"),
                    ("AWS/ApiGateway", "5XXError", "Sum"), ("AWS/ApiGateway", "Latency", "Average"),
                    ("AWS/ApiGateway", "IntegrationLatency", "Average")],
    "s3-bucket": [("AWS/S3", "BucketSizeBytes", "Average"), ("AWS/S3", "NumberOfObjects", "Average"),
                  ("AWS/S3", "4xxErrors", "Sum"), ("AWS/S3", "5xxErrors", "Sum")],
}
DAILY = {"BucketSizeBytes", "NumberOfObjects"}  # S3 publishes these once a day
BATCH = 500                                     # GetMetricData's limit of queries per call
LIST_FUNCTIONS_ABOVE = 20


def parse(resource_id, entry):
    """(type, name, extra): extra is the ECS cluster or the REST API id."""
    kind, arn = entry["type"], entry["arn"]
    resource = arn.split(":", 5)[5]
    if kind == "lambda":
        return kind, arn.split(":")[6], None
    if kind == "ecs-service":
        parts = resource.split("/")
        return kind, parts[-1], parts[1] if len(parts) > 2 else "default"
    if kind == "api-gateway":
        api_id = resource.split("/restapis/")[1].split("/")[0]
        return kind, api_id, api_id
    return kind, resource.split(":")[-1], None


def dimensions(kind, name, extra, metric, api_names):
    if kind == "lambda":
        dims = {"FunctionName": name}
    elif kind == "rds-instance":
        dims = {"DBInstanceIdentifier": name}
    elif kind == "ecs-service":
        dims = {"ClusterName": extra, "ServiceName": name}
    elif kind == "api-gateway":
        dims = {"ApiName": api_names.get(extra, extra)}
    elif metric == "BucketSizeBytes":
        dims = {"BucketName": name, "StorageType": "StandardStorage"}
    elif metric == "NumberOfObjects":
        dims = {"BucketName": name, "StorageType": "AllStorageTypes"}
    else:
        dims = {"BucketName": name, "FilterId": "EntireBucket"}
    return [{"Name": k, "Value": v} for k, v in dims.items()]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_health_boto3.py REGISTRY")
    with open(sys.argv[1]) as f:
        registry = json.load(f)["resources"]
    resources = {rid: parse(rid, entry) for rid, entry in registry.items() if entry["type"] in METRICS}

    calls, lock = [0], threading.Lock()

    def count(**_):
        with lock:
            calls[0] += 1
        # returns None: a before-send handler that returns something replaces the request

    # BENCH_READ_TIMEOUT: the benchmark lengthens it for large N, where moto takes minutes.
    config = Config(retries={"max_attempts": 3, "mode": "standard"}, max_pool_connections=50,
                    read_timeout=int(os.environ.get("BENCH_READ_TIMEOUT", "60")))
    session = boto3.session.Session(region_name=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    clients = {}
    for service in ("lambda", "rds", "ecs", "s3", "apigateway", "cloudwatch"):
        clients[service] = session.client(service, endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None,
                                          config=config)
        clients[service].meta.events.register("before-send.*.*", count)
    lam, rds, ecs, s3, apigw, cw = (clients[s] for s in ("lambda", "rds", "ecs", "s3", "apigateway", "cloudwatch"))

    by_type = {}
    for rid, (kind, name, extra) in resources.items():
        by_type.setdefault(kind, []).append((rid, name, extra))
    statuses = {}

    # --- status reads --------------------------------------------------------------------
    def lambda_one(rid, name):
        try:
            lam.get_function(FunctionName=name)
            return {rid: "ok"}
        except lam.exceptions.ResourceNotFoundException:
            return {rid: "missing"}

    def lambda_all(items):
        names = set()
        for page in lam.get_paginator("list_functions").paginate():
            names.update(fn["FunctionName"] for fn in page["Functions"])
        return {rid: "ok" if name in names else "missing" for rid, name, _ in items}

    def rds_all(items):
        ids = set()
        for page in rds.get_paginator("describe_db_instances").paginate():
            ids.update(db["DBInstanceIdentifier"] for db in page["DBInstances"])
        return {rid: "ok" if name in ids else "missing" for rid, name, _ in items}

    def ecs_chunk(cluster, items):
        response = ecs.describe_services(cluster=cluster, services=[name for _, name, _ in items])
        live = {s["serviceName"] for s in response["services"] if s["status"] in ("ACTIVE", "DRAINING")}
        return {rid: "ok" if name in live else "missing" for rid, name, _ in items}

    def list_buckets():
        return {b["Name"] for b in s3.list_buckets()["Buckets"]}

    def head_bucket(rid, name):
        try:
            s3.head_bucket(Bucket=name)
            return {rid: "ok"}
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            return {rid: "ok" if code in ("403", "AccessDenied") else "missing"}  # 403: exists, not ours

    def rest_apis():
        names = {}
        for page in apigw.get_paginator("get_rest_apis").paginate(PaginationConfig={"PageSize": 500}):
            names.update((api["id"], api["name"]) for api in page["items"])
        return names

    # --- metrics -------------------------------------------------------------------------
    end = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    hourly_start, daily_start = end - datetime.timedelta(hours=1), end - datetime.timedelta(days=2)
    query_ids = []

    def query(kind, name, extra, namespace, metric, stat, api_names, period):
        qid = f"q{len(query_ids)}"
        query_ids.append(qid)
        return {"Id": qid, "ReturnData": True, "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": metric,
                       "Dimensions": dimensions(kind, name, extra, metric, api_names)},
            "Period": period, "Stat": stat}}

    def fetch(queries, start):
        with_points, token = set(), None
        while True:
            kwargs = {"NextToken": token} if token else {}
            response = cw.get_metric_data(MetricDataQueries=queries, StartTime=start, EndTime=end, **kwargs)
            with_points.update(r["Id"] for r in response["MetricDataResults"] if r["Values"])
            token = response.get("NextToken")
            if not token:
                return with_points

    regular, daily = [], []
    for kind, items in by_type.items():
        if kind == "api-gateway":
            continue  # needs the API names first
        for _, name, extra in items:
            for namespace, metric, stat in METRICS[kind]:
                if metric in DAILY:
                    daily.append(query(kind, name, extra, namespace, metric, stat, {}, 86400))
                else:
                    regular.append(query(kind, name, extra, namespace, metric, stat, {}, 60))

    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        status_futures, metric_futures = [], []
        api_future = pool.submit(rest_apis) if "api-gateway" in by_type else None
        buckets_future = pool.submit(list_buckets) if "s3-bucket" in by_type else None
        if "rds-instance" in by_type:
            status_futures.append(pool.submit(rds_all, by_type["rds-instance"]))
        functions = by_type.get("lambda", [])
        if len(functions) > LIST_FUNCTIONS_ABOVE:
            status_futures.append(pool.submit(lambda_all, functions))
        else:
            status_futures += [pool.submit(lambda_one, rid, name) for rid, name, _ in functions]
        clusters = {}
        for item in by_type.get("ecs-service", []):
            clusters.setdefault(item[2], []).append(item)
        for cluster, items in clusters.items():
            status_futures += [pool.submit(ecs_chunk, cluster, items[i:i + 10]) for i in range(0, len(items), 10)]

        # Metric batches that do not need the API names go now; the partial last one waits for them.
        full = len(regular) // BATCH * BATCH
        metric_futures += [pool.submit(fetch, regular[i:i + BATCH], hourly_start) for i in range(0, full, BATCH)]
        metric_futures += [pool.submit(fetch, daily[i:i + BATCH], daily_start) for i in range(0, len(daily), BATCH)]
        rest = regular[full:]
        if api_future:
            api_names = api_future.result()
            for rid, api_id, _ in by_type["api-gateway"]:
                statuses[rid] = "ok" if api_id in api_names else "missing"
                rest += [query("api-gateway", api_id, api_id, ns, m, st, api_names, 60)
                         for ns, m, st in METRICS["api-gateway"]]
        metric_futures += [pool.submit(fetch, rest[i:i + BATCH], hourly_start) for i in range(0, len(rest), BATCH)]

        if buckets_future:
            listed = buckets_future.result()
            for rid, name, _ in by_type["s3-bucket"]:
                if name in listed:
                    statuses[rid] = "ok"
                else:
                    status_futures.append(pool.submit(head_bucket, rid, name))

        for future in status_futures:
            statuses.update(future.result())
        with_points = set()
        for future in metric_futures:
            with_points |= future.result()

    print(json.dumps({"resources": len(resources), "statuses": {rid: statuses[rid] for rid in resources},
                      "series": len(with_points)}))
    print(f"boto3: {calls[0]} AWS calls", file=sys.stderr)


if __name__ == "__main__":
    main()
