public import Mustache

/// Markup that sgw itself wrote and escaped (a report's HTML fragment with its SVG charts), for the one place a
/// template writes it unescaped with `{{{ }}}`. Never made from a request's or a message's text.
public struct TrustedHTML: Sendable, MustacheCustomRenderable {
    /// The markup.
    public let html: String

    /// Wraps `html`, which its writer has escaped.
    public init(_ html: String) { self.html = html }

    public var renderText: String { html }
    public var isNull: Bool { html.isEmpty }
}
