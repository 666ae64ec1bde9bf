public import Foundation
public import SGWCore

/// A counterparty warning (`CounterpartyWarning`, 周村 art. 7.2.1) as the API and the console show it. The earlier
/// record's id is left out for a reader whose scope does not hold it: a department learns what the platform message
/// tells it anyway (reason, department, document, date), never a link into another department's messages.
public struct WarningView: Encodable, Sendable, Hashable {
    public var reason: String
    /// `曾被吊销许可证件`, `存在失信记录`.
    public var label: String
    public var text: String
    public var kind: String
    public var decisionDate: String
    public var department: String?
    public var reference: String?
    /// The earlier record, when the reader may open it.
    public var messageID: String?

    /// The view of `warning`; `visible` says whether the reader may open its record.
    public init(_ warning: CounterpartyWarning, visible: Bool) {
        reason = warning.reason.rawValue
        label = warning.reason.label
        text = warning.text
        kind = warning.kind.rawValue
        decisionDate = warning.decisionDate.description
        department = warning.department
        reference = warning.reference
        messageID = visible ? warning.messageID.rawValue : nil
    }
}
