#!/usr/bin/env bash
# What `faber run '/inventory --env test'` does, as AWS CLI calls in a shell script.
set -euo pipefail
aws_() { aws --endpoint-url "$AWS_ENDPOINT_URL" --region us-east-1 "$@"; }
now=$(date -u +%Y-%m-%dT%H:%M:%SZ); start=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
aws_ lambda get-function --function-name orders-api >/dev/null
aws_ ecs describe-services --cluster demo --services web >/dev/null
aws_ rds describe-db-instances >/dev/null
aws_ s3api list-buckets >/dev/null
aws_ s3api head-bucket --bucket faber-demo-reports-gone >/dev/null 2>&1 || true
aws_ cloudwatch get-metric-data --start-time "$start" --end-time "$now" \
    --metric-data-queries "file://$(dirname "$0")/metric-queries.json" >/dev/null
aws_ resourcegroupstaggingapi get-resources >/dev/null
