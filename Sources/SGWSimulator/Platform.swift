/// The two platforms the simulator plays, with what tells them apart: receipt prefix and the kinds they take.
enum Platform: String, Sendable, CaseIterable {
    /// 审管互动平台: approval and supervision information.
    case interaction
    /// 信用平台: the 双公示 licence and penalty records.
    case credit

    /// `IP` or `CP`, as in `IP-000001`.
    var receiptPrefix: String { self == .interaction ? "IP" : "CP" }

    /// The kinds a body may have.
    var kinds: [String] { self == .interaction ? ["approval", "supervision"] : ["credit.licence", "credit.penalty", "credit.inspection"] }
}
