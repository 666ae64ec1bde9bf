public import Foundation
import SGWFormats

/// The report as an XLSX workbook (`XLSXWriter`): a sheet per table and a sheet listing the messages behind each
/// table's numbers; numbers as numeric cells, no formula anywhere.
public enum ReportXLSX {
    /// The workbook's bytes.
    public static func data(_ report: AccountabilityReport) throws -> Data {
        try XLSXWriter.workbook(report.sheets)
    }
}
