import Foundation

/// One folder of the AWS SigV4 test suite: the raw request, the signing context and the expected
/// `header-*` results.
struct SigV4TestCase {
    // Property names are the test suite's JSON keys.
    struct Context: Decodable {
        struct Credentials: Decodable {
            // swift-format-ignore: AlwaysUseLowerCamelCase
            var access_key_id: String
            // swift-format-ignore: AlwaysUseLowerCamelCase
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var region: String
        var service: String
        var timestamp: String
        var normalize: Bool
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var sign_body: Bool
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var omit_session_token: Bool?
    }

    /// `request.txt`: request line, headers (folded lines kept), body.
    struct RawRequest {
        var method: String
        var path: String
        var query: String
        var requestLine: String
        /// Header lines exactly as written (a folded header spans several lines).
        var headerLines: [String]
        var headers: [(name: String, value: String)]
        var body: String
    }

    let name: String
    let context: Context
    let request: RawRequest
    let expectedCanonicalRequest: String
    let expectedStringToSign: String
    let expectedSignature: String
    let expectedSignedRequest: String

    static var suiteDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/aws-sigv4-test-suite")
    }

    /// Every case folder name, sorted.
    static func allNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: suiteDirectory.appendingPathComponent(name).path,
                isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    init(name: String) throws {
        self.name = name
        let folder = Self.suiteDirectory.appendingPathComponent(name)
        func read(_ file: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        context = try JSONDecoder().decode(Context.self, from: Data(try read("context.json").utf8))
        request = Self.parse(try read("request.txt"))
        expectedCanonicalRequest = try read("header-canonical-request.txt")
        expectedStringToSign = try read("header-string-to-sign.txt")
        expectedSignature = try read("header-signature.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        expectedSignedRequest = try read("header-signed-request.txt")
    }

    /// Parses a raw HTTP/1.1 request. The path may contain spaces (`GET /example space/ HTTP/1.1`), so the
    /// method ends at the first space and the version starts at the last one. A line starting with
    /// whitespace continues the previous header's value.
    static func parse(_ text: String) -> RawRequest {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let firstSpace = requestLine.firstIndex(of: " ")!
        let lastSpace = requestLine.lastIndex(of: " ")!
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        let path: String
        let query: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }

        var headerLines: [String] = []
        var headers: [(name: String, value: String)] = []
        var index = 0
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            headerLines.append(line)
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
            index += 1
        }
        let body = index < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
        return RawRequest(
            method: method, path: path, query: query, requestLine: requestLine,
            headerLines: headerLines, headers: headers, body: body)
    }

    /// The signing instant from `context.timestamp` (`2015-08-30T12:36:00Z`).
    var date: Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: context.timestamp)!
    }
}
