public import Foundation
import ZIPFoundation

/// Writes XLSX workbooks (offline packages a department opens in Excel, accountability reports): text as inline
/// strings, numbers as numeric cells, the parts zipped with ZIPFoundation. Never a formula: text is defused as in a
/// CSV file (`SpreadsheetCell`), the same rule for every file meant for Excel, so a workbook saved again as CSV stays
/// harmless, and every total is a number sgw counted. Written by hand because no package on this machine writes XLSX;
/// the format needs only a few small XML parts.
public enum XLSXWriter {
    /// A sheet: its name (cut to Excel's 31 characters, without the characters Excel forbids) and its rows.
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var rows: [[SpreadsheetValue]]

        /// A sheet.
        public init(name: String, rows: [[SpreadsheetValue]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// The workbook's bytes: `rows` as text on a sheet named `sheet`.
    public static func workbook(sheet: String, rows: [[String]]) throws -> Data {
        try workbook([Sheet(name: sheet, rows: rows.map { $0.map { SpreadsheetValue.text($0) } })])
    }

    /// The workbook's bytes: one worksheet per sheet, in order, their names made unique.
    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        var names: [String] = []
        for sheet in sheets {
            var name = String(sheet.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            var n = 2
            while names.contains(name) { name = String(name.prefix(28)) + "(\(n))"; n += 1 }
            names.append(name)
        }
        let numbers = sheets.indices.map { $0 + 1 }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
                + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
                + #"<Default Extension="xml" ContentType="application/xml"/>"#
                + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
                + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
                + numbers.map { #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
                + "</Types>"),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
                + "</Relationships>"),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
                + numbers.map { #"<sheet name="\#(escape(names[$0 - 1]))" sheetId="\#($0)" r:id="rId\#($0)"/>"# }.joined()
                + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + numbers.map { #"<Relationship Id="rId\#($0)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0).xml"/>"# }.joined()
                + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
                + "</Relationships>"),
            // The least a styles part holds: one font, fill, border and cell format, all default.
            ("xl/styles.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
                + #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
                + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
                + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
                + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
                + #"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#
                + "</styleSheet>"),
        ] + numbers.map { ("xl/worksheets/sheet\($0).xml", sheetXML(sheets[$0 - 1].rows)) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// A worksheet: numbers as numeric cells, text as inline strings, defused (`SpreadsheetCell`).
    static func sheetXML(_ rows: [[SpreadsheetValue]]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                switch value {
                case .number(let n): xml += "<c r=\"\(ref)\" t=\"n\"><v>\(n)</v></c>"
                case .text(let t) where !t.isEmpty:
                    xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(SpreadsheetCell.defused(t)))</t></is></c>"
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

    /// XML text, without the control characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
