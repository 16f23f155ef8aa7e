#!/usr/bin/env bash
# The AWS reads of faber's check-health, done the original way: a bash workflow that runs one
# `aws` CLI process per call, one after another. For each resource of the registry: one status
# call (lambda get-function, rds describe-db-instances, ecs describe-services, s3api head-bucket,
# apigateway get-rest-api), then one `cloudwatch get-metric-statistics` per metric of its type
# (last hour at a 60 s period; S3's daily storage metrics over 2 days at a 1-day period).
#
#   scripts/bench/check_health_awscli.sh REGISTRY
#
# Talks to $AWS_ENDPOINT_URL (passed as --endpoint-url, see below). A failing call (a missing
# resource) prints aws's error to stderr and the script goes on. Prints a one-line summary to stdout and `aws-cli: N processes` to stderr.
set -euo pipefail

registry="${1:?usage: check_health_awscli.sh REGISTRY}"
command -v aws >/dev/null || python3 -m pip install --quiet awscli

# --endpoint-url even though awscli v1 >= 1.29 and v2 >= 2.13 read AWS_ENDPOINT_URL: awscli v1
# (awscli/customizations/overridesslcommonname.py) pins rds, sqs, emr, docdb, neptune and health to
# their public endpoint (https://rds.amazonaws.com for us-east-1) unless --endpoint-url is given.
endpoint_args=()
if [[ -n "${AWS_ENDPOINT_URL:-}" ]]; then endpoint_args=(--endpoint-url "$AWS_ENDPOINT_URL"); fi

processes=0
aws_() {
    processes=$((processes + 1))
    aws "${endpoint_args[@]}" --output json "$@"
}

now="$(date -u +%s)"
end="$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)"
start="$(date -u -d "@$((now - 3600))" +%Y-%m-%dT%H:%M:%SZ)"
daily_start="$(date -u -d "@$((now - 2 * 86400))" +%Y-%m-%dT%H:%M:%SZ)"

ok=0 missing=0 series=0 tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

# metric NAMESPACE NAME STAT DIMENSION... (Name=K,Value=V); DAILY=1 for S3's daily storage metrics
metric() {
    local namespace="$1" name="$2" stat="$3"; shift 3
    local from="$start" period=60
    if [[ "${DAILY:-0}" == 1 ]]; then from="$daily_start" period=86400; fi
    if aws_ cloudwatch get-metric-statistics --namespace "$namespace" --metric-name "$name" \
        --dimensions "$@" --start-time "$from" --end-time "$end" --period "$period" \
        --statistics "$stat" --query 'length(Datapoints)' --output text >"$tmp"; then
        if [[ "$(<"$tmp")" != 0 ]]; then series=$((series + 1)); fi
    fi
}

# status: exit status of the status call, plus its output in $tmp
status() {
    if "$@" >"$tmp"; then ok=$((ok + 1)); else missing=$((missing + 1)); fi
}

# One line per resource: type, name, cluster (ECS) or REST API id (API Gateway).
resources="$(python3 -c '
import json, sys
for rid, r in json.load(open(sys.argv[1]))["resources"].items():
    arn, kind = r["arn"], r["type"]
    resource = arn.split(":", 5)[5]
    if kind == "lambda":
        print(kind, arn.split(":")[6], "-")
    elif kind == "ecs-service":
        parts = resource.split("/")
        print(kind, parts[-1], parts[1] if len(parts) > 2 else "default")
    elif kind == "api-gateway":
        print(kind, "-", resource.split("/restapis/")[1].split("/")[0])
    else:
        print(kind, resource.split(":")[-1], "-")
' "$registry")"

count=0
while read -r type name extra; do
    [[ -n "$type" ]] || continue
    count=$((count + 1))
    case "$type" in
    lambda)
        status aws_ lambda get-function --function-name "$name"
        for m in Invocations:Sum Errors:Sum Duration:Maximum Throttles:Sum ConcurrentExecutions:Maximum; do
            metric AWS/Lambda "${m%:*}" "${m#*:}" "Name=FunctionName,Value=$name"
        done
        ;;
    rds-instance)
        status aws_ rds describe-db-instances --db-instance-identifier "$name"
        for m in CPUUtilization DatabaseConnections FreeableMemory ReadLatency WriteLatency; do
            metric AWS/RDS "$m" Average "Name=DBInstanceIdentifier,Value=$name"
        done
        ;;
    ecs-service)
        # describe-services exits 0 for an unknown service and lists it under "failures".
        if aws_ ecs describe-services --cluster "$extra" --services "$name" \
            --query 'services[0].status' --output text >"$tmp" && [[ "$(<"$tmp")" =~ ^(ACTIVE|DRAINING)$ ]]; then
            ok=$((ok + 1))
        else
            echo "ecs service $extra/$name: not found" >&2
            missing=$((missing + 1))
        fi
        dims=("Name=ClusterName,Value=$extra" "Name=ServiceName,Value=$name")
        metric AWS/ECS CPUUtilization Average "${dims[@]}"
        metric AWS/ECS MemoryUtilization Average "${dims[@]}"
        metric ECS/ContainerInsights RunningTaskCount Average "${dims[@]}"
        metric ECS/ContainerInsights DesiredTaskCount Average "${dims[@]}"
        ;;
    s3-bucket)
        status aws_ s3api head-bucket --bucket "$name"
        DAILY=1 metric AWS/S3 BucketSizeBytes Average "Name=BucketName,Value=$name" Name=StorageType,Value=StandardStorage
        DAILY=1 metric AWS/S3 NumberOfObjects Average "Name=BucketName,Value=$name" Name=StorageType,Value=AllStorageTypes
        metric AWS/S3 4xxErrors Sum "Name=BucketName,Value=$name" Name=FilterId,Value=EntireBucket
        metric AWS/S3 5xxErrors Sum "Name=BucketName,Value=$name" Name=FilterId,Value=EntireBucket
        ;;
    api-gateway)
        # The metrics are keyed by the API's name, not its id.
        api_name="$extra"
        status aws_ apigateway get-rest-api --rest-api-id "$extra" --query name --output text
        if [[ -s "$tmp" ]]; then api_name="$(<"$tmp")"; fi
        for m in Count:Sum 4XXError:Sum 5XXError:Sum Latency:Average IntegrationLatency:Average; do
            metric AWS/ApiGateway "${m%:*}" "${m#*:}" "Name=ApiName,Value=$api_name"
        done
        ;;
    *)
        echo "skipping unknown resource type $type" >&2
        count=$((count - 1))
        ;;
    esac
done <<<"$resources"

echo "resources $count ok $ok missing $missing series $series"
echo "aws-cli: $processes processes" >&2
