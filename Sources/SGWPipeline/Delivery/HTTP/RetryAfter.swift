public import Foundation
import SGWCore

/// The `Retry-After` header of a platform's answer (RFC 9110, section 10.2.3): a number of seconds, or an HTTP date.
public enum RetryAfter {
    /// The wait the header asks for at `now`, in seconds; nil when it is neither form (the backoff alone then decides).
    /// A date already past asks for no wait. The state machine caps the wait at the retry policy's maximum.
    public static func seconds(_ header: String, now: Date) -> TimeInterval? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy(ASCIIDigits.isDigit) {
            // Past 12 digits (some 30,000 years) the exact number does not matter: it is "longer than any cap".
            return text.utf8.count > 12 ? 1e12 : TimeInterval(Int(text) ?? 0)
        }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// An HTTP date in any of the three forms a recipient must accept: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
    /// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`). DateFormatter is slow,
    /// but only an answer carrying a Retry-After that is not a number of seconds gets here.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.replacingOccurrences(of: "  ", with: " ")) { return date }
        }
        return nil
    }
}
