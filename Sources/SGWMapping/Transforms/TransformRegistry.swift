import SGWCore

/// Every transform a mapping can name, in one explicit list: adding a transform is one file and one line here.
public enum TransformRegistry {
    /// The transforms by name, with a one-line description for `docs/mappings.md` and `sgw check`.
    public static let builtin: [String: (summary: String, make: TransformFactory)] = [
        "trim": ("remove spaces, tabs and ideographic spaces at both ends", TextTransforms.trim),
        "halfwidth": ("full-width letters, digits and punctuation to half-width (１２３ → 123)", TextTransforms.halfwidth),
        "upper": ("upper-case ASCII letters", TextTransforms.upper),
        "lower": ("lower-case ASCII letters", TextTransforms.lower),
        "strip_separators": ("remove spaces, hyphens, dots and slashes inside (phone numbers, codes)", TextTransforms.stripSeparators),
        "replace": ("{pattern: REGEX, with: TEXT}: replace every match", TextTransforms.replace),
        "regex": ("{pattern: REGEX, group: N}: keep the Nth capture group; empty when nothing matches", TextTransforms.regex),
        "default": ("VALUE: use VALUE when the field is empty", TextTransforms.defaultValue),
        "date": ("[FORMAT…]: parse a date (yyyy-MM-dd, yyyy/M/d, yyyy年M月d日, yyyyMMdd, with HH:mm:ss; excel serials) to YYYY-MM-DD", DateTransform.make),
        "open_ended": ("长期, 永久, 长期有效, 2099-12-31, 9999-12-31 and the like mean no end: the field becomes empty", DateTransform.openEnded),
        "split_range": ("{part: 1|2, separators: [至, ~, -]}: one side of a range 'A至B'", RangeTransform.make),
        "code_table": ("TABLE or {values: {…}, default: VALUE}: translate codes; unknown codes are rejected unless a default is given", CodeTableTransform.make),
        "decimal": ("{divide_by: N, places: N}: a plain decimal number (commas and 元 removed), optionally scaled", DecimalTransform.make),
    ]

    /// The names, sorted.
    public static var names: [String] { builtin.keys.sorted() }
}
