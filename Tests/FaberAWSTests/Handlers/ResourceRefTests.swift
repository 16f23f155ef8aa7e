import FaberCore
import FaberOpsModel
import Testing

@testable import FaberAWSHandlers

@Suite("ResourceRef: names from registry ARNs")
struct ResourceRefTests {
    @Test("each type's ARN gives its name (and the ECS cluster)")
    func names() throws {
        let lambda = try ResourceRef(id: "orders", type: .lambda, arn: "arn:aws:lambda:eu-west-1:123456789012:function:orders-api-prod")
        #expect(lambda.name == "orders-api-prod")
        #expect(lambda.region == "eu-west-1")
        #expect(try ResourceRef(id: "v", type: .lambda, arn: "arn:aws:lambda:eu-west-1:1:function:orders:live").name == "orders")

        let ecs = try ResourceRef(id: "web", type: .ecsService, arn: "arn:aws:ecs:us-east-1:1:service/main/web-svc")
        #expect(ecs.name == "web-svc")
        #expect(ecs.cluster == "main")
        #expect(try ResourceRef(id: "old", type: .ecsService, arn: "arn:aws:ecs:us-east-1:1:service/web-svc").cluster == "default")

        #expect(try ResourceRef(id: "db", type: .rdsInstance, arn: "arn:aws:rds:us-east-1:1:db:orders-db").name == "orders-db")
        #expect(try ResourceRef(id: "b", type: .s3Bucket, arn: "arn:aws:s3:::uploads-prod").name == "uploads-prod")
        #expect(try ResourceRef(id: "api", type: .apiGateway, arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3").name == "a1b2c3")
        #expect(try ResourceRef(id: "api", type: .apiGateway, arn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod").name == "a1b2c3")
        #expect(try ResourceRef(id: "cn", type: .s3Bucket, arn: "arn:aws-cn:s3:::b").name == "b")
    }

    @Test("an ARN that does not fit its type is a usage error naming the resource and showing the form")
    func badARNs() {
        let cases: [(ResourceType, String)] = [
            (.lambda, "arn:aws:lambda:us-east-1:1:layer:x"),
            (.lambda, "arn:aws:s3:::bucket"),
            (.ecsService, "arn:aws:ecs:us-east-1:1:cluster/main"),
            (.rdsInstance, "arn:aws:rds:us-east-1:1:cluster:x"),
            (.s3Bucket, "arn:aws:s3:::bucket/key"),
            (.apiGateway, "arn:aws:apigateway:us-east-1::/apis/x"),
            (.lambda, "orders-api"),
        ]
        for (type, arn) in cases {
            let error = #expect(throws: FaberError.self, "\(arn)") { try ResourceRef(id: "thing", type: type, arn: arn) }
            #expect(error?.exitStatus == .usage)
            #expect(error?.message.hasPrefix("resource 'thing': ") == true)
            #expect(error?.hint?.contains(type.arnExample) == true)
        }
    }

    @Test("resources as a list or as the registry's map; ids default to the name")
    func lists() throws {
        let map: Value = [
            "orders-api": ["type": "lambda", "arn": "arn:aws:lambda:us-east-1:1:function:orders"],
            "db": ["type": "rds-instance", "arn": "arn:aws:rds:us-east-1:1:db:orders-db"],
        ]
        #expect(try ResourceRef.parseList(map, handler: "aws.x", key: "resources").map(\.id) == ["orders-api", "db"])
        let list: Value = [["type": "lambda", "arn": "arn:aws:lambda:us-east-1:1:function:orders"]]
        #expect(try ResourceRef.parseList(list, handler: "aws.x", key: "resources").map(\.id) == ["orders"])

        let typo = #expect(throws: FaberError.self) {
            try ResourceRef.parseList([["id": "q", "type": "lamda", "arn": "arn:aws:lambda:us-east-1:1:function:q"]], handler: "aws.x", key: "resources")
        }
        #expect(typo?.message == "aws.x: resource 'q' has unknown type 'lamda'; did you mean 'lambda'?")
        #expect(throws: FaberError.self) { try ResourceRef.parseList("orders", handler: "aws.x", key: "resources") }
        #expect(throws: FaberError.self) { try ResourceRef.parseList([["id": "q", "type": "lambda"]], handler: "aws.x", key: "resources") }
    }

    @Test("every handler needs env")
    func envRequired() async throws {
        let h = try await HandlerHarness.make()
        defer { h.remove() }
        for handler in AWSHandlers.handlers {
            let error = await #expect(throws: FaberError.self, "\(handler.id)") { try await h.run(handler.id, ["env": ""]) }
            #expect(error?.message == "\(handler.id): 'env' is required (an environment of config.json, e.g. test)")
            #expect(handler.signature.inputs.first?.name == "env")
            #expect(handler.signature.inputs.first?.required == true)
        }
        #expect(Set(AWSHandlers.handlers.map(\.id)).count == 11)
    }
}
