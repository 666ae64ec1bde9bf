public import Foundation
import ZIPFoundation

/// The report as an XLSX workbook: a sheet per table and a sheet listing the messages behind each table's numbers.
/// Written by hand with ZIPFoundation because no package among those sgw may use writes XLSX; SpreadsheetML needs only
/// a few small XML parts. Text as inline strings, numbers as numeric cells, and no formula anywhere: every total is
/// a number sgw counted, so the file says the same in every program and cannot run anything.
public enum ReportXLSX {
    /// The workbook's bytes.
    public static func data(_ report: AccountabilityReport) throws -> Data {
        try workbook(report.sheets)
    }

    /// A workbook of `sheets` (names cut to Excel's 31 characters and made unique).
    public static func workbook(_ sheets: [AccountabilityReport.Sheet]) throws -> Data {
        var names: [String] = []
        for sheet in sheets {
            var name = String(sheet.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            var n = 2
            while names.contains(name) { name = String(name.prefix(28)) + "(\(n))"; n += 1 }
            names.append(name)
        }
        let indices = sheets.indices
        let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
            + "</Types>"
        let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
        let workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + indices.map { #"<sheet name="\#(SpreadsheetText.xml(names[$0]))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
            + "</sheets></workbook>"
        let workbookRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
        // The least a styles part holds: one font, fill, border and cell format, all default.
        let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#
            + "</styleSheet>"
        var parts: [(String, String)] = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
                                         ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", styles)]
        for i in indices { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheets[i].rows))) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// A worksheet: numbers as `<v>` of a numeric cell, text as inline strings.
    static func sheetXML(_ rows: [[ReportCell]]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                switch cell {
                case .number(let n): xml += "<c r=\"\(ref)\" t=\"n\"><v>\(n)</v></c>"
                case .text(let t) where !t.isEmpty:
                    xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(SpreadsheetText.xml(SpreadsheetText.defused(t)))</t></is></c>"
                case .text, .empty: break
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`, `B`, … `Z`, `AA`, …
    static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let d = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + d))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
