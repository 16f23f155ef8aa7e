import FaberAWS
import Foundation
import Testing

@Suite("AWS service descriptions")
struct AWSServiceTests {
    @Test("signing names, API versions, protocols and JSON target prefixes")
    func table() {
        let expected: [(AWSService, String, String, AWSProtocol, String?)] = [
            (.cloudWatch, "monitoring", "2010-08-01", .json10, "GraniteServiceVersion20100801"),
            (.cloudWatchLogs, "logs", "2014-03-28", .json11, "Logs_20140328"),
            (.lambda, "lambda", "2015-03-31", .restJSON, nil),
            (.ecs, "ecs", "2014-11-13", .json11, "AmazonEC2ContainerServiceV20141113"),
            (.rds, "rds", "2014-10-31", .query, nil),
            (.s3, "s3", "2006-03-01", .restXML, nil),
            (.apiGateway, "apigateway", "2015-07-09", .restJSON, nil),
            (.ec2, "ec2", "2016-11-15", .ec2, nil),
            (.costExplorer, "ce", "2017-10-25", .json11, "AWSInsightsIndexService"),
            (.tagging, "tagging", "2017-01-26", .json11, "ResourceGroupsTaggingAPI_20170126"),
            (.cloudTrail, "cloudtrail", "2013-11-01", .json11, "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"),
            (.sts, "sts", "2011-06-15", .query, nil),
            (.iam, "iam", "2010-05-08", .query, nil),
        ]
        #expect(AWSService.all.count == expected.count)
        for (service, signingName, version, wireProtocol, target) in expected {
            #expect(service.signingName == signingName)
            #expect(service.apiVersion == version)
            #expect(service.wireProtocol == wireProtocol)
            #expect(service.jsonTargetPrefix == target)
        }
        #expect(AWSService.cloudWatch.jsonVersion == "1.0")
        #expect(AWSService.cloudWatchLogs.jsonVersion == "1.1")
        #expect(AWSService.rds.jsonVersion == nil)
        #expect(Set(AWSService.all.map(\.id)).count == AWSService.all.count)
    }

    /// botocore's model metadata for every service, read with the installed Python (nil without botocore).
    static let botocoreMetadata: [String: [String: String]]? = {
        let script = """
            import botocore, gzip, json, os, sys
            root = os.path.join(os.path.dirname(botocore.__file__), "data")
            out = {}
            for name, version in json.loads(sys.argv[1]).items():
                m = json.load(gzip.open(os.path.join(root, name, version, "service-2.json.gz")))["metadata"]
                protocols = m.get("protocols") or [m["protocol"]]
                keys = ["apiVersion", "endpointPrefix", "signingName", "jsonVersion", "targetPrefix"]
                out[name] = {k: m[k] for k in keys if k in m}
                out[name]["protocols"] = ",".join(protocols)
            print(json.dumps(out))
            """
        let wanted = Dictionary(uniqueKeysWithValues: AWSService.all.map { ($0.id, $0.apiVersion) })
        guard let argument = try? JSONSerialization.data(withJSONObject: wanted) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(decoding: argument, as: UTF8.self)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: [String: String]]
    }()

    @Test(
        "every value matches botocore's model", .enabled(if: botocoreMetadata != nil, "botocore is not installed"),
        arguments: AWSService.all)
    func matchesBotocore(service: AWSService) throws {
        let metadata = try #require(Self.botocoreMetadata?[service.id])
        #expect(metadata["apiVersion"] == service.apiVersion)
        #expect(metadata["endpointPrefix"] == service.endpointPrefix)
        #expect((metadata["signingName"] ?? service.endpointPrefix) == service.signingName)
        let protocols = (metadata["protocols"] ?? "").split(separator: ",").map(String.init)
        let wire: String =
            switch service.wireProtocol {
            case .json10, .json11: "json"
            case .restJSON: "rest-json"
            case .query: "query"
            case .ec2: "ec2"
            case .restXML: "rest-xml"
            }
        #expect(protocols.contains(wire), "\(service.id) speaks \(protocols)")
        if let version = service.jsonVersion {
            #expect(metadata["jsonVersion"] == version)
            #expect(metadata["targetPrefix"] == service.jsonTargetPrefix)
        }
    }
}
