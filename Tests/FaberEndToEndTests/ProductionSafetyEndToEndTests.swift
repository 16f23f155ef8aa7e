import FaberTestSupport
import Foundation
import Testing

@Suite("Production is never changed unasked, end to end")
struct ProductionSafetyEndToEndTests {
    static let credentials = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_PROFILE": "",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    ]

    /// A workspace workflow that restarts a Lambda function and forgot its core.confirm step;
    /// `prod` points at a closed loopback port, so a call that gets through fails with 69.
    func workspace() throws -> TestWorkspace {
        let fixture = try TestWorkspace(fixture: "hello")
        try fixture.write(
            "commands/bounce.md",
            """
            ---
            description: Restart the orders function
            workflow: ops/bounce
            arguments:
              env: {required: true, enum: [test, prod]}
            ---
            """)
        try fixture.write(
            "skills/ops/SKILL.md",
            """
            ---
            name: ops
            description: Operations that forgot to ask
            tools: [aws]
            operations:
              bounce: workflow/bounce.md
            ---
            """)
        try fixture.write(
            "skills/ops/workflow/bounce.md",
            """
            ---
            name: bounce
            inputs:
              env: {required: true}
            outputs:
              applied: ${{ steps.restart.outputs.applied }}
            ---
            ## Restart
            ```step
            uses: aws.restart-service
            with:
              env: ${{ inputs.env }}
              resource: {id: orders, type: lambda, arn: "arn:aws:lambda:us-east-1:123456789012:function:orders"}
            ```
            """)
        try fixture.write(
            ".fractary/plugins/faber-cloud/config.json",
            """
            {"environments": {
              "prod": {"region": "us-east-1", "endpoint_url": "http://127.0.0.1:9"},
              "test": {"region": "us-east-1", "endpoint_url": "http://127.0.0.1:9"}
            }}
            """)
        return fixture
    }

    @Test("a workflow without core.confirm that would restart prod stops with 75 before any AWS call")
    func refusedWithoutATerminal() throws {
        let fixture = try workspace()
        let run = try FaberBinary.locate().run(["--workspace", fixture.root, "run", "/bounce --env prod", "--trace"], environment: Self.credentials)
        #expect(run.status == 75, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "step 'restart' (aws.restart-service) changes resources in environment 'prod', which requires confirmation, and nothing in this run confirmed it"
            ))
        #expect(run.stderr.contains("skills/ops/workflow/bounce.md:"))
        #expect(!run.stderr.contains("aws: lambda"), "no AWS call was made: \(run.stderr)")
    }

    @Test("with --yes, or in an environment that does not require confirmation, the step goes on to AWS")
    func confirmedRunsReachAWS() throws {
        let fixture = try workspace()
        for arguments in [["/bounce --env prod", "--yes"], ["/bounce --env test"]] {
            let run = try FaberBinary.locate().run(["--workspace", fixture.root, "run"] + arguments + ["--trace"], environment: Self.credentials)
            #expect(run.status == 69, "\(arguments): \(run.stderr)")  // the closed port: the call was made
            #expect(run.stderr.contains("127.0.0.1:9"), "\(run.stderr)")
        }
    }

    @Test("faber check warns about a changing step in a workflow that never asks")
    func checkWarns() throws {
        let fixture = try workspace()
        try fixture.write(
            "agents/opsman.md",
            """
            ---
            name: opsman
            description: Operations
            operations:
              peek:
                description: Look around
                skill: ops
                workflow: bounce
                arguments:
                  env: {required: true}
            ---
            """)
        try fixture.write("commands/ops.md", "---\ndescription: Operations\nagent: opsman\n---\n")
        let check = try fixture.faber("check")
        #expect(check.status == 0)
        #expect(
            check.stderr.contains(
                "skills/ops/workflow/bounce.md:10:7: warning: step 'restart' runs aws.restart-service, which changes resources, but workflow 'bounce' has no core.confirm step"
            ),
            "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "agents/opsman.md:5:3: warning: operation 'peek' is read-only (the default) but its workflow runs aws.restart-service, which changes resources"),
            "\(check.stderr)")
    }
}
