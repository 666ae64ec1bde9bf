/// Durations as operators write them: `30s`, `5m`, `2h`, `1d`, or plain seconds.
public enum DurationText {
    /// The seconds `text` stands for; nil when it is not a duration or is negative.
    public static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let last = text.last else { return nil }
        if let unit = units[last] { return Double(text.dropLast()).map { $0 * unit }.flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }
        return Double(text).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
