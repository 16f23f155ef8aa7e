import AWSSigV4
import Foundation
import Testing

@Suite("SigV4Credentials keep secrets out of text")
struct SigV4CredentialsTests {
    let credentials = SigV4Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN")

    @Test("description shows the key id and hides the secret and token")
    func description() {
        for text in [
            credentials.description, "\(credentials)", String(describing: credentials),
            String(reflecting: credentials),
        ] {
            #expect(text.contains("AKIDEXAMPLE"))
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("FwoGZXIvYXdz"))
            #expect(text.contains("<redacted>"))
        }
    }

    @Test("dump hides the secret and token")
    func dumpOutput() {
        var text = ""
        dump(credentials, to: &text)
        #expect(text.contains("AKIDEXAMPLE"))
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(!text.contains("FwoGZXIvYXdz"))
    }

    @Test("without a token the description says so")
    func noToken() {
        let plain = SigV4Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr3t")
        #expect(plain.description == "SigV4Credentials(accessKeyID: AKID, secretAccessKey: <redacted>, sessionToken: none)")
    }

    @Test("the signature and headers never contain the secret")
    func signedHeadersHaveNoSecret() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
        let result = signer.sign(
            method: "POST", path: "/", query: "", headers: [("Host", "sts.amazonaws.com")],
            bodySHA256: SigV4Signer.emptyBodySHA256, date: .init(timeIntervalSince1970: 0))
        let text = result.canonicalRequest + result.stringToSign + result.headers.map(\.value).joined()
        #expect(!text.contains("wJalrXUtnFEMI"))
    }
}
