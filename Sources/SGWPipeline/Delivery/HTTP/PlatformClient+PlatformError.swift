extension PlatformClient {
    /// A platform's answer that sgw cannot use, outside a delivery (whose failures are `DeliveryProblem`s).
    public struct PlatformError: Error, Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable {
            case unreadableFeed = "unreadable-feed"
        }

        private let kind: Code
        /// The answer's HTTP status.
        public let status: Int
        /// Where the answer redirected to (sgw does not follow a feed's redirect).
        public let redirectedTo: String?
        /// The start of the answer's body.
        public let answer: String
        /// The stable code.
        public var code: String { kind.rawValue }
        public var description: String {
            let moved = redirectedTo.map { " (redirected to \($0), which sgw does not follow: correct claims.poll)" } ?? ""
            return "the claims feed answered something unreadable: HTTP \(status)\(moved): \(answer)"
        }

        private init(_ kind: Code, status: Int, redirectedTo: String?, answer: String) {
            self.kind = kind
            self.status = status
            self.redirectedTo = redirectedTo
            self.answer = answer
        }

        /// The claims feed answered with something other than a 200 and a JSON object with `events`.
        public static func unreadableFeed(status: Int, redirectedTo: String?, answer: String) -> Self {
            Self(.unreadableFeed, status: status, redirectedTo: redirectedTo, answer: answer)
        }
    }
}
