import Foundation
import ZIPFoundation

/// An XLSX file opened as the zip archive it is, handing out its parts (`xl/workbook.xml`, a sheet) inflated chunk by
/// chunk under the zip-bomb limits of an `XLSXFormat`.
///
/// Before inflating, an entry's declared size must be within the limit and its declared ratio within
/// `maxInflateRatio`; while inflating, the bytes are counted, so an entry whose header lies about its size is stopped
/// as soon as it inflates past what it declared. Nothing is inflated to disk or held whole.
final class XLSXPackage {
    /// Entries declaring less than this are not held to `maxInflateRatio`: a small part cannot hurt, and tiny runs
    /// of repeated markup can legitimately compress far.
    static let ratioExemptBytes = 1 << 20
    /// The inflate buffer: each chunk handed on is at most this large.
    static let chunkBytes = 1 << 16

    private let archive: Archive
    private let format: XLSXFormat
    /// The file, for messages.
    let path: String

    /// Opens the file at `path`: an `io` error when it cannot be read, `zip` when it is not a zip archive.
    init(path: String, format: XLSXFormat) throws(FormatError) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .io("cannot open \(path)") }
        // The first local file header: its signature, and its general-purpose flags at offset 6.
        var head: [UInt8] = []
        try? ByteSource(path: path).read(into: &head, count: 8)
        let zipStart = head.starts(with: [0x50, 0x4B, 0x03, 0x04])
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            // An old .xls and an Excel password-protected .xlsx are both OLE compound files (D0 CF 11 E0); a file that
            // starts as a zip but has no end-of-central-directory record was cut short: say which fix helps.
            if zipStart {
                throw FormatError.zip("\(path) is truncated or damaged: it starts as a zip archive but its "
                                  + "end (the central directory) is missing or unreadable; was it cut short while copied? "
                                  + "Send the file again")
            }
            let ole = head.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
            throw FormatError.zip("\(path) is not an XLSX file: it is not a zip archive"
                              + (ole ? " but an old-style .xls or a password-protected workbook; save it as .xlsx without a password" : ""))
        }
        // Bit 0 of the flags: the entry is encrypted (a zip password, ZipCrypto), which no part can be read through.
        if zipStart && head.count == 8 && head[6] & 1 == 1 {
            throw FormatError.zip("\(path) is password-protected (its zip entries are encrypted); "
                              + "save the workbook without a password")
        }
        self.path = path
        self.format = format
    }

    /// Whether the archive has the part `name`.
    func contains(_ name: String) -> Bool { entry(name) != nil }

    /// Inflates the part `name` and hands it to `consumer` in chunks, refusing more than `limit` bytes (and more than
    /// `format.maxEntryBytes`). `isCancelled` is asked before every chunk; when it says yes, the inflation stops with a
    /// `cancelled` error.
    func stream(_ name: String, limit: Int? = nil, isCancelled: () -> Bool = { false },
                into consumer: ([UInt8]) throws(FormatError) -> Void) throws(FormatError) {
        guard let entry = entry(name) else {
            throw FormatError.structure("\(path) has no part \(name)")
        }
        let limit = min(limit ?? format.maxEntryBytes, format.maxEntryBytes)
        let declared = entry.uncompressedSize
        let compressed = entry.compressedSize
        guard declared <= UInt64(limit) else {
            throw .limit("\(name) would inflate to \(declared) bytes, more than the \(limit) allowed", place: name)
        }
        if declared >= UInt64(Self.ratioExemptBytes) {
            guard compressed > 0, declared / compressed <= UInt64(format.maxInflateRatio) else {
                throw .limit("\(name) would inflate \(compressed > 0 ? declared / compressed : declared) times, more than "
                             + "the \(format.maxInflateRatio) allowed (a zip bomb?)", place: name)
            }
        }
        var inflated: UInt64 = 0
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: Self.chunkBytes, skipCRC32: false) { data in
                if isCancelled() { throw FormatError.cancelled("reading was cancelled") }
                inflated += UInt64(data.count)
                // The declared size was checked; an entry inflating past it is lying about itself.
                guard inflated <= declared, inflated <= UInt64(limit) else {
                    throw FormatError.limit("\(name) inflates to more than the \(min(declared, UInt64(limit))) bytes "
                                            + "it declares or is allowed (a zip bomb?)", place: name)
                }
                try consumer([UInt8](data))
            }
        } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError.zip("\(name) cannot be inflated: \(error)", place: name)
        }
        guard inflated == declared else {
            throw FormatError.zip("\(name) inflates to \(inflated) bytes, not the \(declared) it declares",
                              place: name)
        }
        guard checksum == entry.checksum else {
            throw FormatError.zip("\(name) is damaged (its checksum does not match)", place: name)
        }
    }

    /// Parses the part `name` as XML, sending its events to `handler` (the same safe parser as XML files use).
    func parse(_ name: String, limit: Int? = nil, isCancelled: () -> Bool = { false },
               handler: any XMLSAXHandler) throws(FormatError) {
        let parser = XMLPushParser(handler: handler, maxDepth: 64, part: name)
        try stream(name, limit: limit, isCancelled: isCancelled) { (chunk) throws(FormatError) in try parser.feed(chunk) }
        try parser.finish()
    }

    /// The entry called `name`; some producers capitalise part names differently, so a case-insensitive match is
    /// accepted when there is no exact one.
    private func entry(_ name: String) -> Entry? {
        if let entry = archive[name] { return entry }
        let lowered = name.lowercased()
        return archive.first { $0.path.lowercased() == lowered }
    }
}
