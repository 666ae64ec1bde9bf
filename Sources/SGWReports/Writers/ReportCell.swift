public import SGWFormats

/// A cell of a report's spreadsheet forms (CSV, XLSX): a number stays a number.
public typealias ReportCell = SpreadsheetValue
