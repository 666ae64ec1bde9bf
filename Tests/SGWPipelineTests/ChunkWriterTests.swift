import Foundation
import SGWCore
@testable import SGWPipeline
import SGWStore
import SGWTesting
import Testing

/// `ChunkWriter` stores an import's chunks in the order they were handed over, each in its own transaction, and
/// reports the counts; a chunk the store refuses ends the import with its error.
@Suite struct ChunkWriterTests {
    static let planner = DeliveryPlanner(calculator: DeadlineCalculator(calendar: try! WorkingCalendar.load(),
                                                                        profiles: try! ProfileCatalog.load()))

    /// A planned licence message of `key`, its remarks `remarks`.
    static func item(_ key: String, remarks: String? = nil) -> IngestItem {
        planner.plan(CanonicalMessage.make(body: .creditLicence(Fixtures.creditLicence(remarks: remarks)), key: key,
                                           profile: "zhoucun", provenance: Provenance(adapter: "a", source: "s")))
    }

    @Test(arguments: [1, 2])
    func chunksAreStoredInTheOrderGivenAndCounted(depth: Int) throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = temporary.store
        let importID = try store.startImport(adapter: "a", file: "f.csv", size: 1, sha256: "00", at: Date())
        let writer = ChunkWriter(store: store, importID: importID, at: Date(), depth: depth)
        for chunk in 0..<6 {
            // Two records a chunk: one of two messages, one of one.
            writer.write((0..<3).map { Self.item("k\(chunk * 3 + $0)") }, messagesPerRecord: [2, 1], rejections: [])
        }
        // The same key again, changed, then unchanged: stored after the first, they are a new version and a duplicate.
        writer.write([Self.item("k0", remarks: "changed")], messagesPerRecord: [1], rejections: [])
        writer.write([Self.item("k1")], messagesPerRecord: [1], rejections: [])
        let counts = try writer.finish()
        #expect(!writer.failed)
        #expect(counts.accepted == 12 && counts.acceptedMessages == 18, "\(counts)")
        #expect(counts.updated == 1 && counts.updatedMessages == 1 && counts.duplicates == 1, "\(counts)")
        let k0 = try store.messages(MessageFilter(kind: .creditLicence, allVersions: true), limit: 100)
            .map(\.message).filter { $0.envelope.key == "k0" }.max { $0.envelope.version < $1.envelope.version }
        guard case .creditLicence(let latest)? = k0?.body else { Issue.record("no k0"); return }
        #expect(latest.remarks == "changed")
    }

    @Test func aChunkTheStoreRefusesEndsTheImportWithItsError() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        // An import the store never started: every chunk of it is refused.
        let writer = ChunkWriter(store: temporary.store, importID: 4_242, at: Date())
        writer.write([Self.item("k1")], messagesPerRecord: [1], rejections: [])
        writer.write([Self.item("k2")], messagesPerRecord: [1], rejections: [])
        #expect(throws: (any Error).self) { try writer.finish() }
        #expect(writer.failed)
        #expect(try temporary.store.messages(MessageFilter(allVersions: true), limit: 10).isEmpty)
    }
}
