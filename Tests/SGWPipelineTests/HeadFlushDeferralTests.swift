import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import SGWPipeline
import Synchronization
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

/// The handler in the client sgw uses: AsyncHTTPClient (the version this package resolves) calls its HTTP/1.1 debug
/// initializer, the hook `PlatformClient` installs `HeadFlushDeferral` through, with the request encoder already in
/// the pipeline, and a POST's head and body then reach the socket before any flush. Should a new version add the
/// encoder later or flush differently, the install fails (and the request with it) or a flush shows between them.
@Suite struct HeadFlushDeferralInAsyncHTTPClientTests {
    /// What reaches the socket, in order: each write's text and each flush.
    final class WireRecorder: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = IOData
        typealias OutboundOut = IOData
        let events = Mutex<[String]>([])

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let text: String
            switch unwrapOutboundIn(data) {
            case .byteBuffer(let buffer): text = String(buffer: buffer)
            case .fileRegion: text = "(a file region)"
            }
            events.withLock { $0.append("write " + text) }
            context.write(data, promise: promise)
        }

        func flush(context: ChannelHandlerContext) {
            events.withLock { $0.append("flush") }
            context.flush()
        }
    }

    @Test(arguments: [true, false])
    func aPostsHeadAndBodyLeaveInOneFlush(deferred: Bool) async throws {
        let router = Router()
        router.post("/messages") { request, _ -> String in
            String(buffer: try await request.body.collect(upTo: 1 << 16))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { server in
            let port = try #require(server.port)
            let recorder = WireRecorder()
            var configuration = HTTPClient.Configuration()
            configuration.http1_1ConnectionDebugInitializer = { channel in
                // As PlatformClient does, then the recorder next to the socket.
                let installed = deferred ? HeadFlushDeferral.install(on: channel) : channel.eventLoop.makeSucceededVoidFuture()
                return installed.flatMapThrowing { try channel.pipeline.syncOperations.addHandler(recorder, position: .first) }
            }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/messages")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: "{\"marker\": \"the-body\"}"))
            let response = try await client.execute(request, timeout: .seconds(30))
            let echoed = String(buffer: try await response.body.collect(upTo: 1 << 16))
            try await client.shutdown()
            #expect(response.status == .ok && echoed.contains("the-body"))
            let events = recorder.events.withLock { $0 }
            let head = try #require(events.firstIndex { $0.hasPrefix("write POST /messages") }, "\(events)")
            let body = try #require(events.firstIndex { $0.hasPrefix("write") && $0.contains("the-body") }, "\(events)")
            let flushedBetween = events[head..<body].contains("flush")
            // Without the handler the client flushes the head alone: the test sees the difference it makes.
            #expect(flushedBetween == !deferred, "\(events)")
        }
    }
}
