import Testing
@testable import SGWCore

/// The bundled calendars and profiles are found beside the binary (or in the checkout), and a binary installed
/// without them gets a problem that names the folder to install, not a crash.
@Suite struct BundledDataTests {
    @Test func theBundledYearsAndProfilesAreFound() throws {
        #expect(BundledData.resourceFolder != nil)
        #expect(try BundledData.files(in: "calendar", extension: "yaml").contains { $0.hasSuffix("/2026.yaml") })
        #expect(try BundledData.files(in: "profiles", extension: "yaml").contains { $0.hasSuffix("/zhoucun.yaml") })
    }

    @Test func aMissingBundleIsAProblemNamingTheFolder() {
        #expect(throws: ConfigProblems.self) { try BundledData.files(in: "calendar", extension: "yaml", root: nil) }
        do {
            _ = try BundledData.files(in: "profiles", extension: "yaml", root: nil)
        } catch {
            #expect("\(error)".contains("sgw_SGWCore.resources") && "\(error)".contains("beside the sgw binary"))
        }
    }
}
