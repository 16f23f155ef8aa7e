import AWSSigV4
import Foundation
import Testing

@Suite("SigV4 signing against the AWS signing test suite")
struct SigV4SignerTests {
    @Test("the suite has all its cases")
    func suiteIsComplete() {
        #expect(SigV4TestCase.allNames().count == 38)
    }

    @Test("header signing", arguments: SigV4TestCase.allNames())
    func headerSigning(caseName: String) throws {
        let testCase = try SigV4TestCase(name: caseName)
        let context = testCase.context
        let request = testCase.request
        let credentials = SigV4Credentials(
            accessKeyID: context.credentials.access_key_id,
            secretAccessKey: context.credentials.secret_access_key,
            sessionToken: context.credentials.token)
        let signer = SigV4Signer(credentials: credentials, region: context.region, service: context.service)
        let options = SigV4Options(
            normalizePath: context.normalize, uriEncodePath: true,
            contentSHA256Header: context.sign_body,
            signSessionToken: !(context.omit_session_token ?? false))
        let result = signer.sign(
            method: request.method, path: request.path, query: request.query,
            headers: request.headers, bodySHA256: SigV4Signer.sha256Hex(Array(request.body.utf8)),
            date: testCase.date, options: options)

        #expect(result.canonicalRequest == testCase.expectedCanonicalRequest)
        #expect(result.stringToSign == testCase.expectedStringToSign)
        #expect(result.signature == testCase.expectedSignature)

        let signedRequest =
            ([request.requestLine] + request.headerLines + result.headers.map { "\($0.name):\($0.value)" })
            .joined(separator: "\n") + "\n\n" + request.body
        #expect(signedRequest == testCase.expectedSignedRequest)
    }

    @Test("signedHeaders gives the same headers as sign for the standard options")
    func signedHeadersMatchesSign() throws {
        let testCase = try SigV4TestCase(name: "get-vanilla-with-session-token")
        let signer = SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: testCase.context.credentials.token),
            region: "us-east-1", service: "service")
        let headers = signer.signedHeaders(
            method: "GET", path: "/", query: "", headers: testCase.request.headers,
            bodySHA256: SigV4Signer.emptyBodySHA256, date: testCase.date)
        let expected = testCase.expectedSignedRequest.split(separator: "\n").dropFirst(2).map(String.init)
        #expect(headers.map { "\($0.name):\($0.value)" } == expected)
    }

    @Test("S3 mode signs the wire path as given and sends x-amz-content-sha256")
    func s3PathAndContentHash() {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret"),
            region: "us-east-1", service: "s3")
        let body = SigV4Signer.sha256Hex(Array("hello".utf8))
        let s3 = signer.sign(
            method: "PUT", path: "/my-bucket/a%20b/../c", query: "", headers: [("Host", "s3.amazonaws.com")],
            bodySHA256: body, date: Date(timeIntervalSince1970: 0), options: .s3)
        #expect(s3.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/my-bucket/a%20b/../c")
        #expect(s3.headers.map(\.name) == ["X-Amz-Date", "x-amz-content-sha256", "Authorization"])
        #expect(s3.headers[1].value == body)
        #expect(s3.signedHeaderNames == "host;x-amz-content-sha256;x-amz-date")

        let viaConvenience = signer.signedHeaders(
            method: "PUT", path: "/my-bucket/a%20b/../c", query: "",
            headers: [("Host", "s3.amazonaws.com")], bodySHA256: body,
            date: Date(timeIntervalSince1970: 0), normalizePath: false,
            contentSHA256Header: true)
        #expect(viaConvenience.last?.value == s3.headers.last?.value)
    }

    @Test("other services encode the already-encoded wire path again")
    func standardPathIsDoubleEncoded() {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret"),
            region: "eu-west-1", service: "lambda")
        let result = signer.sign(
            method: "GET", path: "/2015-03-31/functions/arn%3Aaws%3Alambda/configuration",
            query: "Marker=a%2Bb&MaxItems=50", headers: [("Host", "lambda.eu-west-1.amazonaws.com")],
            bodySHA256: SigV4Signer.emptyBodySHA256, date: Date(timeIntervalSince1970: 1_440_938_160))
        let lines = result.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/2015-03-31/functions/arn%253Aaws%253Alambda/configuration")
        #expect(lines[2] == "Marker=a%2Bb&MaxItems=50")
        #expect(result.headers.first { $0.name == "X-Amz-Date" }?.value == "20150830T123600Z")
    }

    @Test(
        "dates are formatted in UTC",
        arguments: [
            (0.0, "19700101T000000Z"), (951_782_400.0, "20000229T000000Z"), (1_440_938_160.0, "20150830T123600Z"),
            (4_102_444_799.0, "20991231T235959Z"),
        ])
    func dateFormatting(seconds: Double, expected: String) {
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "secret"),
            region: "us-east-1", service: "sts")
        let headers = signer.signedHeaders(
            method: "POST", path: "/", query: "", headers: [("Host", "sts.amazonaws.com")],
            bodySHA256: SigV4Signer.emptyBodySHA256, date: Date(timeIntervalSince1970: seconds))
        #expect(headers.first { $0.name == "X-Amz-Date" }?.value == expected)
    }

    @Test("sha256Hex")
    func sha256() {
        #expect(SigV4Signer.sha256Hex([UInt8]()) == SigV4Signer.emptyBodySHA256)
        #expect(SigV4Signer.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
