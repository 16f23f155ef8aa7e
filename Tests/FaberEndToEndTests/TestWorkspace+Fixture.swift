import FaberTestSupport
import Foundation

extension TestWorkspace {
    /// A copy of the fixture workspace `Fixtures/<name>` of this test target.
    init(fixture name: String) throws {
        let source = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)").path
        try self.init(copying: source, prefix: "e2e-\(name)")
    }
}
