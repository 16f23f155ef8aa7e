import FaberAWS
import FaberCore
import FaberOpsModel

extension DescribeSecurityHandler {
    /// Ports that must never be open to the internet: remote shells, databases, caches, admin APIs.
    static let sensitivePorts: [Int: String] = [
        21: "FTP", 22: "SSH", 23: "Telnet", 445: "SMB", 1433: "SQL Server", 1521: "Oracle", 2375: "Docker API",
        2376: "Docker API", 3306: "MySQL", 3389: "RDP", 5432: "PostgreSQL", 5601: "Kibana", 6379: "Redis",
        9200: "Elasticsearch", 11211: "Memcached", 27017: "MongoDB",
    ]
    /// Ports meant to be public.
    static let webPorts: Set<Int> = [80, 443]
    static let openCIDRs: Set<String> = ["0.0.0.0/0", "::/0"]

    /// DescribeSecurityGroups (1000 a page): every ingress rule open to 0.0.0.0/0 or ::/0 on a port
    /// other than 80/443 is a finding.
    func securityGroupFindings(client: AWSClient) async throws -> (findings: [SecurityFinding], checked: Int) {
        let groups = try await client.paginateQuery(
            .ec2, "DescribeSecurityGroups", [("MaxResults", "1000")],
            itemsPath: "securityGroupInfo", tokenParam: "NextToken", outputTokenPath: "nextToken")
        var findings: [SecurityFinding] = []
        for group in groups {
            let groupID = group.text("groupId") ?? "?"
            let resource = group.text("groupName").map { "\(groupID) (\($0))" } ?? groupID
            for permission in group.list("ipPermissions") {
                let sources =
                    permission.list("ipRanges").compactMap { $0.text("cidrIp") }
                    + permission.list("ipv6Ranges").compactMap { $0.text("cidrIpv6") }
                for cidr in sources where Self.openCIDRs.contains(cidr) {
                    if let finding = openIngressFinding(permission, cidr: cidr, resource: resource) { findings.append(finding) }
                }
            }
        }
        return (findings, groups.count)
    }

    private func openIngressFinding(_ permission: XMLElement, cidr: String, resource: String) -> SecurityFinding? {
        let proto = permission.text("ipProtocol") ?? "-1"
        let from = permission.text("fromPort").flatMap { Int($0) }
        let to = permission.text("toPort").flatMap { Int($0) } ?? from
        func finding(_ severity: SecurityFinding.Severity, _ detail: String, _ remediation: String) -> SecurityFinding {
            SecurityFinding(
                severity: severity, category: "network", resource: resource, check: "sg-open-ingress",
                detail: detail, remediation: remediation)
        }
        let restrict = "restrict the rule's source to known CIDR ranges or security groups"
        if proto == "-1" || proto == "all" {
            return finding(.critical, "all traffic (every protocol and port) is open to \(cidr)", "remove the rule; \(restrict)")
        }
        let name = ["6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"][proto] ?? proto
        if name == "icmp" || name == "icmpv6" {
            return finding(.low, "\(name) is open to \(cidr)", "allow ICMP only from networks that need it")
        }
        guard let low = from, let high = to, low >= 0 else {
            return finding(.critical, "\(name) on every port is open to \(cidr)", "remove the rule; \(restrict)")
        }
        let ports = low == high ? "port \(low)" : "ports \(low)-\(high)"
        if low == high, Self.webPorts.contains(low) { return nil }
        if high - low >= 1000 {
            return finding(.critical, "\(name) \(ports) are open to \(cidr)", "open only the ports the service serves; \(restrict)")
        }
        let sensitive = Self.sensitivePorts.keys.sorted().filter { (low...high).contains($0) }
        if !sensitive.isEmpty {
            let names = sensitive.map { "\($0) \(Self.sensitivePorts[$0]!)" }.joined(separator: ", ")
            return finding(
                .high, "\(name) \(ports) (\(names)) open to \(cidr)",
                "\(restrict); reach hosts through SSM Session Manager or a VPN instead of an open port")
        }
        return finding(.medium, "\(name) \(ports) open to \(cidr)", restrict)
    }
}
