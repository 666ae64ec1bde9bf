import NIOCore
import NIOHTTP1

/// Lets a request's head and its body leave in one write.
///
/// AsyncHTTPClient flushes a request's head on its own and then writes and flushes the body, so every POST costs the
/// client two socket writes and the platform two reads (and often two wake-ups), one for a few hundred bytes of head.
/// This handler, placed between the client's connection handler and its request encoder, holds back the flush that
/// follows a head with a body to come; the flush after the first body part (or the end) then sends both. Nothing
/// waits longer than the client itself takes to hand over the body: sgw's bodies are whole byte buffers, written
/// right after the head. A request without a body is flushed as before.
final class HeadFlushDeferral: ChannelOutboundHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// A head with a body to follow was written and not flushed yet.
    private var holding = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            holding = Self.hasBody(head)
        case .body, .end:
            holding = false
        }
        context.write(data, promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
        guard !holding else { return }
        context.flush()
    }

    /// A head announcing a body: a length above zero or chunked encoding.
    static func hasBody(_ head: HTTPRequestHead) -> Bool {
        if let length = head.headers.first(name: "content-length") { return Int(length).map { $0 > 0 } ?? true }
        return head.headers.contains(name: "transfer-encoding")
    }

    /// Adds the handler to a new HTTP/1.1 connection of AsyncHTTPClient (its `http1_1ConnectionDebugInitializer`, the
    /// one hook it offers into a connection's pipeline), right after its request encoder.
    static func install(on channel: any Channel) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            let sync = channel.pipeline.syncOperations
            try sync.addHandler(HeadFlushDeferral(), position: .after(try sync.handler(type: HTTPRequestEncoder.self)))
        }
    }
}
