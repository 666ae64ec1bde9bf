public import Foundation
public import SGWCore

/// Where a planned delivery goes.
public enum Destination: String, Sendable, Hashable, Codable, CaseIterable {
    /// 审管互动平台: approval and supervision information.
    case interaction
    /// 信用平台: 双公示 licence and penalty records.
    case credit
}

/// A delivery the store plans at ingest: one message to one destination, with the deadline of the duty it serves.
public struct PlannedDelivery: Sendable, Hashable {
    /// The platform it is for.
    public var destination: Destination
    /// The queue it waits in (the `delivery.destination` column): the platform's name, or the name of an
    /// offline-package destination serving the recipient (线下定期推送).
    public var queue: String
    /// The duty whose deadline applies (`approval.push`, `credit.publish`, …).
    public var duty: DutyName
    /// When it falls due; nil when the profile sets no time limit for the duty.
    public var dueAt: Date?
    /// Whether the deadline rests on a year whose calendar is not loaded.
    public var provisional: Bool

    /// A planned delivery.
    public init(destination: Destination, queue: String? = nil, duty: DutyName, dueAt: Date?, provisional: Bool) {
        self.destination = destination
        self.queue = queue ?? destination.rawValue
        self.duty = duty
        self.dueAt = dueAt
        self.provisional = provisional
    }

    /// `interaction for approval.push due 2026-12-08T10:30:00+08:00`, as a message's history lists its deliveries.
    public static func text(queue: String, duty: String, dueAt: Date?, provisional: Bool) -> String {
        "\(queue) for \(duty) due \(dueAt.map(ShanghaiTime.format) ?? "without time limit")" + (provisional ? " (provisional)" : "")
    }
}

/// A deadline the store tracks for a message besides its deliveries: a claim, a feedback window.
public struct PlannedDeadline: Sendable, Hashable {
    /// The duty.
    public var duty: DutyName
    /// When it falls due.
    public var dueAt: Date
    /// Whether it rests on a year whose calendar is not loaded.
    public var provisional: Bool

    /// A planned deadline.
    public init(duty: DutyName, dueAt: Date, provisional: Bool) {
        self.duty = duty
        self.dueAt = dueAt
        self.provisional = provisional
    }
}
