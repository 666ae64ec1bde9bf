import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import SGWPipeline
import Testing

/// The handler that lets a request's head and body leave in one write: a head announcing a body waits for the body's
/// flush; every other head goes at once.
@Suite struct HeadFlushDeferralTests {
    /// A channel shaped like AsyncHTTPClient's: the request encoder, then the handler right after it.
    func makeChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
        try HeadFlushDeferral.install(on: channel).wait()
        return channel
    }

    func send(_ part: HTTPClientRequestPart, on channel: EmbeddedChannel) {
        channel.pipeline.syncOperations.writeAndFlush(NIOAny(part), promise: nil)
    }

    func head(_ headers: HTTPHeaders, method: HTTPMethod = .POST) -> HTTPClientRequestPart {
        .head(HTTPRequestHead(version: .http1_1, method: method, uri: "/interaction/v1/messages", headers: headers))
    }

    /// Everything flushed so far, as text.
    func flushed(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    @Test(arguments: [["content-length": "2"], ["transfer-encoding": "chunked"]] as [HTTPHeaders])
    func headWithABodyWaitsForTheBody(_ headers: HTTPHeaders) throws {
        let channel = try makeChannel()
        send(head(headers), on: channel)
        #expect(try flushed(channel) == "", "the head went out alone")
        send(.body(.byteBuffer(ByteBuffer(string: "{}"))), on: channel)
        let out = try flushed(channel)
        #expect(out.hasPrefix("POST /interaction/v1/messages HTTP/1.1\r\n"))
        #expect(out.contains("{}"))
        send(.end(nil), on: channel)
        _ = try flushed(channel)
        // The next request starts from scratch: a head without a body goes at once.
        send(head([:], method: .GET), on: channel)
        #expect(try flushed(channel).hasPrefix("GET "))
    }

    @Test(arguments: [["content-length": "0"], [:]] as [HTTPHeaders])
    func headWithoutABodyGoesAtOnce(_ headers: HTTPHeaders) throws {
        let channel = try makeChannel()
        send(head(headers), on: channel)
        #expect(try flushed(channel).hasPrefix("POST /interaction/v1/messages HTTP/1.1\r\n"))
    }
}
