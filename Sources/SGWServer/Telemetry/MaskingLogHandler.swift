public import Logging
import SGWCore

/// A log handler that masks ID numbers and phone numbers in every message and metadata value before the handler
/// under it writes them: the one place where personal data is kept out of the logs, whatever logs it.
public struct MaskingLogHandler: LogHandler {
    var inner: any LogHandler

    /// Masks what `inner` writes.
    public init(_ inner: any LogHandler) { self.inner = inner }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(Masking.text(event.message.description))"
        event.metadata = event.metadata?.mapValues { .string(Masking.text($0.description)) }
        inner.log(event: event)
    }
}
