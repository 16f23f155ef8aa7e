import FaberAWS
import FaberCore
import FaberOpsModel

/// How each type's AWS state maps to `available | degraded | stopped | missing | unknown`.
extension ResourceStatus {
    /// Lambda `State` (Pending, Active, Inactive, Failed) and `LastUpdateStatus` (Successful, InProgress, Failed).
    /// ListFunctions leaves both out: a listed function counts as available.
    static func lambda(_ ref: ResourceRef, configuration: Value) -> ResourceStatus {
        let state = configuration["State"]?.string
        let update = configuration["LastUpdateStatus"]?.string
        var details: OrderedDictionary<String, Value> = [
            "runtime": .text(configuration["Runtime"]?.string ?? configuration["PackageType"]?.string),
            "state": .text(state),
            "last_update_status": .text(update),
            "memory_mb": .number(configuration["MemorySize"]?.int),
            "timeout_s": .number(configuration["Timeout"]?.int),
            "last_modified": .text(configuration["LastModified"]?.string),
        ]
        if let code = configuration["StateReasonCode"]?.string { details["state_reason_code"] = .string(code) }
        let stateReason = configuration["StateReason"]?.string
        switch (state, update) {
        case ("Failed", _):
            return ResourceStatus(ref, .degraded, state: state, details: details, reason: "function state Failed" + (stateReason.map { ": \($0)" } ?? ""))
        case ("Inactive", _):
            return ResourceStatus(ref, .stopped, state: state, details: details, reason: "function is Inactive (idle); the next invocation reactivates it")
        case ("Pending", _):
            return ResourceStatus(ref, .degraded, state: state, details: details, reason: "function is still being created (Pending)")
        case (_, "Failed"):
            let why = configuration["LastUpdateStatusReason"]?.string
            return ResourceStatus(ref, .degraded, state: state, details: details, reason: "last update failed" + (why.map { ": \($0)" } ?? ""))
        case ("Active", _), (nil, _):
            return ResourceStatus(ref, .available, state: state, details: details)
        default:
            return ResourceStatus(ref, .unknown, state: state, details: details, reason: "unrecognised Lambda state \(state ?? "")")
        }
    }

    /// ECS service `status` (ACTIVE, DRAINING, INACTIVE) with running/desired/pending task counts.
    static func ecs(_ ref: ResourceRef, service: Value, region: String) -> ResourceStatus {
        let state = service["status"]?.string
        let running = service["runningCount"]?.int ?? 0
        let desired = service["desiredCount"]?.int ?? 0
        let pending = service["pendingCount"]?.int ?? 0
        let deployments = service["deployments"]?.array ?? []
        let primary = deployments.first { $0["status"]?.string == "PRIMARY" }
        let rollout = primary?["rolloutState"]?.string
        let details: OrderedDictionary<String, Value> = [
            "running": .int(running), "desired": .int(desired), "pending": .int(pending),
            "deployments": .int(deployments.count), "rollout_state": .text(rollout),
            "task_definition": .text(service["taskDefinition"]?.string),
            "launch_type": .text(service["launchType"]?.string),
        ]
        switch state {
        case "INACTIVE":
            var status = missing(ref, region: region)
            status.state = state
            status.details = details
            status.reason = "registry drift: ecs-service \(ref.name) is INACTIVE (deleted) in \(region)"
            return status
        case "DRAINING":
            return ResourceStatus(ref, .stopped, state: state, details: details, reason: "service is DRAINING (being deleted)")
        case "ACTIVE":
            if desired == 0 {
                return ResourceStatus(ref, .stopped, state: state, details: details, reason: "desired count is 0")
            }
            if rollout == "FAILED" {
                return ResourceStatus(ref, .degraded, state: state, details: details, reason: "the latest deployment failed")
            }
            if running < desired {
                return ResourceStatus(
                    ref, .degraded, state: state, details: details,
                    reason: "\(running) of \(desired) tasks running" + (pending > 0 ? ", \(pending) pending" : ""))
            }
            return ResourceStatus(ref, .available, state: state, details: details)
        default:
            return ResourceStatus(ref, .unknown, state: state, details: details, reason: "unrecognised ECS service status \(state ?? "(none)")")
        }
    }

    /// RDS `DBInstanceStatus`: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html
    static func rds(_ ref: ResourceRef, instance: XMLElement) -> ResourceStatus {
        let state = instance.text("DBInstanceStatus")
        let details: OrderedDictionary<String, Value> = [
            "engine": .text(instance.text("Engine")),
            "engine_version": .text(instance.text("EngineVersion")),
            "class": .text(instance.text("DBInstanceClass")),
            "status": .text(state),
            "multi_az": instance.text("MultiAZ").map { .bool($0 == "true") } ?? .null,
            "endpoint": .text(instance.text("Endpoint/Address")),
        ]
        let status: Status
        let reason: String?
        switch state ?? "" {
        case "available", "backing-up", "modifying", "storage-optimization", "configuring-enhanced-monitoring",
            "configuring-iam-database-auth", "configuring-log-exports", "converting-to-vpc", "renaming",
            "resetting-master-credentials", "storage-config-upgrade":
            (status, reason) = (.available, nil)
        case "stopped", "stopping":
            (status, reason) = (.stopped, "instance is \(state!)")
        case "creating", "starting", "rebooting", "upgrading", "maintenance", "moving-to-vpc", "deleting":
            (status, reason) = (.degraded, "instance is \(state!) and may not accept connections")
        case "failed", "storage-full", "inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable",
            "incompatible-network", "incompatible-option-group", "incompatible-parameters", "incompatible-restore",
            "insufficient-capacity", "restore-error":
            (status, reason) = (.degraded, "instance status is \(state!)")
        default:
            (status, reason) = (.unknown, "unrecognised RDS status \(state ?? "(none)")")
        }
        return ResourceStatus(ref, status, state: state, details: details, reason: reason)
    }

    /// A bucket ListBuckets listed (or HeadBucket found): it exists. S3 has no state string.
    static func s3(_ ref: ResourceRef, listed: XMLElement?, probe: BucketProbe?) -> ResourceStatus {
        var details: OrderedDictionary<String, Value> = ["creation_date": .text(listed?.text("CreationDate"))]
        if let region = listed?.text("BucketRegion") { details["region"] = .string(region) }
        switch probe {
        case .exists(let region)?:
            if let region { details["region"] = .string(region) }
            return ResourceStatus(
                ref, .available, state: nil, details: details,
                reason: "bucket exists but is not owned by these credentials (not in ListBuckets)")
        case .forbidden?:
            return ResourceStatus(
                ref, .unknown, state: nil, details: details,
                reason: "HeadBucket was refused (403): the bucket may belong to another account; allow s3:ListBucket on it")
        default:
            return ResourceStatus(ref, .available, state: nil, details: details)
        }
    }

    /// A REST API GetRestApis listed. API Gateway has no state string.
    static func apiGateway(_ ref: ResourceRef, api: Value) -> ResourceStatus {
        let details: OrderedDictionary<String, Value> = [
            "api_name": .text(api["name"]?.string),
            "created_date": api["createdDate"]?.double.map { .string(ISOTime.string(epochSeconds: $0)) } ?? .null,
            "endpoint_types": api["endpointConfiguration"]?["types"] ?? .array([]),
            "disable_execute_api_endpoint": api["disableExecuteApiEndpoint"] ?? .null,
        ]
        return ResourceStatus(ref, .available, state: nil, details: details)
    }
}
