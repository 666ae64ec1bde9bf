/// What `xl/workbook.xml` and its relationships say: the sheets in tab order, the part each is stored in, and
/// whether dates count from 1904 (old Mac workbooks) instead of 1900.
struct XLSXWorkbook {
    /// A sheet: its tab name and the zip part holding it.
    struct Sheet: Equatable {
        var name: String
        var part: String
    }

    /// The sheets in workbook order.
    var sheets: [Sheet]
    /// `workbookPr date1904="1"`: date serials count from 1904-01-01.
    var date1904: Bool

    static let workbookPart = "xl/workbook.xml"
    static let relationshipsPart = "xl/_rels/workbook.xml.rels"

    /// Reads the workbook of `package`: a `structure` error when the file is a zip but not a workbook.
    init(package: XLSXPackage) throws(FormatError) {
        guard package.contains(Self.workbookPart) else {
            throw FormatError.structure("\(package.path) is not an XLSX workbook: it has no \(Self.workbookPart)")
        }
        let workbook = WorkbookHandler()
        try package.parse(Self.workbookPart, limit: 16 << 20, handler: workbook)
        let relationships = RelationshipsHandler()
        if package.contains(Self.relationshipsPart) {
            try package.parse(Self.relationshipsPart, limit: 16 << 20, handler: relationships)
        }
        sheets = workbook.sheets.map { sheet in
            let target = relationships.targets[sheet.relationship]
            // Without a relationship, fall back to the part name Excel itself would have used.
            let part = target.map(Self.resolve) ?? "xl/worksheets/sheet\(sheet.index).xml"
            return Sheet(name: sheet.name, part: part)
        }
        date1904 = workbook.date1904
    }

    /// The sheet called `name` (exactly, or ignoring case and surrounding spaces), or the first when `name` is nil.
    func sheet(named name: String?, in path: String) throws(FormatError) -> Sheet {
        guard let first = sheets.first else {
            throw FormatError.structure("\(path) has no sheets")
        }
        guard let name else { return first }
        if let sheet = sheets.first(where: { $0.name == name }) { return sheet }
        let wanted = XMLText.trimmed(name).lowercased()
        if let sheet = sheets.first(where: { XMLText.trimmed($0.name).lowercased() == wanted }) { return sheet }
        let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw FormatError.structure("\(path) has no sheet named '\(name)'; its sheets are \(names)")
    }

    /// A relationship target as a part name: absolute targets (`/xl/worksheets/sheet1.xml`) lose the slash, relative
    /// ones are relative to `xl/`; `..` and `.` segments are resolved.
    static func resolve(_ target: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }
}

/// Collects `<sheet name= r:id=>` and `<workbookPr date1904=>` from `xl/workbook.xml`.
private final class WorkbookHandler: XMLSAXHandler {
    struct Entry {
        var name: String
        var relationship: String
        var index: Int
    }

    var sheets: [Entry] = []
    var date1904 = false

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        if element.hasLocalName("sheet") {
            // `r:id` is the relationship; `sheetId` has another local name, so matching on `id` is unambiguous.
            sheets.append(Entry(name: element.attribute("name") ?? "", relationship: element.attribute("id") ?? "",
                                index: sheets.count + 1))
        } else if element.hasLocalName("workbookPr") {
            let value = element.attribute("date1904")
            date1904 = value == "1" || value == "true"
        }
    }

    func endElement() throws(FormatError) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {}
}

/// Collects `<Relationship Id= Target=>` from `xl/_rels/workbook.xml.rels`.
private final class RelationshipsHandler: XMLSAXHandler {
    var targets: [String: String] = [:]

    func startElement(_ element: XMLElementStart, line: Int) throws(FormatError) {
        guard element.hasLocalName("Relationship"), let id = element.attribute("Id"),
              let target = element.attribute("Target"), element.attribute("TargetMode") != "External" else { return }
        targets[id] = target
    }

    func endElement() throws(FormatError) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) {}
}
