import Testing
@testable import SGWCore

/// The bundled calendars and profiles are found beside the binary (or in the checkout), and a binary installed
/// without them gets a problem that names the folder to install, not a crash.
@Suite struct BundledDataTests {
    @Test func theBundledYearsAndProfilesAreFoundBesideTheBinary() throws {
        // SwiftPM copies the bundle beside the test binary, as beside an installed sgw.
        #expect(BundledData.resourceFolder == BundledData.candidates.first)
        #expect(BundledData.candidates.last?.hasSuffix("Sources/SGWCore/Resources") == true)
        #expect(try BundledData.files(in: "calendar", extension: "yaml").contains { $0.hasSuffix("/2026.yaml") })
        #expect(try BundledData.files(in: "profiles", extension: "yaml").contains { $0.hasSuffix("/zhoucun.yaml") })
    }

    @Test func aMissingBundleIsAProblemNamingTheFolder() {
        let error = #expect(throws: ConfigProblems.self) { try BundledData.files(in: "calendar", extension: "yaml", root: nil) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("sgw_SGWCore.resources:") && text.contains("beside the sgw binary"))
    }
}
