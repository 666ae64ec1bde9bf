/// A bar chart as inline SVG, drawn by sgw (no chart service, no script): the reports' HTML and the console use it.
/// Horizontal bars for shares (a label, a fraction, the figure written beside it), or columns for counts over time.
public struct BarChart: Sendable, Hashable {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        /// Under or beside the bar.
        public var label: String
        /// The bar's length: a fraction of 1 for shares, a count for columns.
        public var value: Double
        /// Written beside the bar (`9/10 · 90%`).
        public var text: String
        /// Where the bar links to (an anchor in the same page), if anywhere.
        public var link: String?

        /// A bar.
        public init(label: String, value: Double, text: String, link: String? = nil) {
            self.label = label
            self.value = value
            self.text = text
            self.link = link
        }
    }

    /// Horizontal bars scaled to 100%, or vertical columns scaled to the largest.
    public enum Style: Sendable, Hashable { case shares, columns }

    public var title: String
    public var bars: [Bar]
    public var style: Style

    /// A chart.
    public init(title: String, bars: [Bar], style: Style) {
        self.title = title
        self.bars = bars
        self.style = style
    }

    /// The chart as an `<svg>` element, with a `<title>` for screen readers.
    public var svg: String {
        style == .shares ? shares : columns
    }

    private var shares: String {
        let rowHeight = 26, labelWidth = 220, barWidth = 360, top = 30
        let height = top + max(1, bars.count) * rowHeight + 10
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sgw-chart\" width=\"\(labelWidth + barWidth + 120)\" "
            + "height=\"\(height)\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">"
        s += "<title>\(Self.escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>"
        if bars.isEmpty { s += "<text x=\"0\" y=\"\(top + 16)\">无数据</text>" }
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let w = Int((max(0, min(1, bar.value)) * Double(barWidth)).rounded())
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 16)\" text-anchor=\"end\">\(Self.escape(bar.label))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"16\" fill=\"#eeeeee\"/>"
            s += wrap(bar.link, "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"16\" fill=\"#2f6fb0\"/>")
            s += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 16)\">\(Self.escape(bar.text))</text>"
        }
        return s + "</svg>"
    }

    private var columns: String {
        let chartHeight = 160, top = 30, left = 40, step = bars.count > 40 ? 12 : 22
        let width = left + max(1, bars.count) * step + 20, height = top + chartHeight + 50
        let peak = max(1, bars.map(\.value).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sgw-chart\" width=\"\(max(width, 300))\" height=\"\(height)\" "
            + "role=\"img\" font-family=\"sans-serif\" font-size=\"11\">"
        s += "<title>\(Self.escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>"
        let base = top + chartHeight
        s += "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(left + bars.count * step)\" y2=\"\(base)\" stroke=\"#999999\"/>"
        s += "<text x=\"\(left - 4)\" y=\"\(top + 10)\" text-anchor=\"end\">\(Self.number(peak))</text>"
        s += "<text x=\"\(left - 4)\" y=\"\(base)\" text-anchor=\"end\">0</text>"
        for (i, bar) in bars.enumerated() {
            let h = Int((bar.value / peak * Double(chartHeight)).rounded())
            let x = left + i * step
            s += wrap(bar.link, "<rect x=\"\(x + 2)\" y=\"\(base - h)\" width=\"\(step - 4)\" height=\"\(h)\" fill=\"#c0392b\">"
                + "<title>\(Self.escape(bar.label)): \(Self.escape(bar.text))</title></rect>")
            // Every label when they fit, else every seventh (a week).
            if bars.count <= 16 || i % 7 == 0 {
                s += "<text x=\"\(x + step / 2)\" y=\"\(base + 14)\" text-anchor=\"middle\">\(Self.escape(bar.label))</text>"
            }
        }
        return s + "</svg>"
    }

    private func wrap(_ link: String?, _ element: String) -> String {
        link.map { "<a href=\"\(Self.escape($0))\">\(element)</a>" } ?? element
    }

    private static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    /// Text made safe for XML and HTML.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
