public import Foundation
public import SGWCore

/// HTTP at the edge: the state machine knows transient and permanent failures, this says which an HTTP answer is.
extension DeliveryStateMachine.Failure {
    /// Classifies an HTTP answer: nil status for a connection error or a timeout; nil result for a success.
    /// 408, 429 and 5xx are transient (retried), any other 4xx permanent (a dead letter).
    public static func classify(status: Int?, retryAfter: TimeInterval? = nil, bodyAccepted: Bool = true) -> Self? {
        guard let status else { return .transient(reason: "no answer (connection error or timeout)", retryAfter: nil) }
        switch status {
        case 200..<300:
            return bodyAccepted ? nil : .permanent(reason: "HTTP \(status) but the platform rejected the body")
        case 408, 429, 500..<600:
            return .transient(reason: "HTTP \(status)", retryAfter: retryAfter)
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }
}
