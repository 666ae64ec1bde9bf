import AsyncHTTPClient
import SGWCore
import SGWPipeline
import Testing

/// `EventLoopCheck` knows NIO's event loop threads by their names: these tests pin the names to the NIO in use, so
/// that the debug check on every store call (`SQLiteStore.writer`) cannot go blind. The check itself fires in the
/// debug `sgw` that the command tests run (`deliver`, `serve`, `demo`), where NIO's loops are the global executor.
@Suite struct EventLoopCheckTests {
    @Test func theThreadsOfNIOsSingletonGroupAreEventLoops() async throws {
        // The group `sgw` installs as Swift's global executor, and the one AsyncHTTPClient's shared client uses.
        let onLoop = try await HTTPClient.shared.eventLoopGroup.next().submit { EventLoopCheck.isEventLoopThread }.get()
        #expect(onLoop)
    }

    @Test func aBlockingCallRunsOffTheEventLoops() async throws {
        let inBlockingCall = try await blockingCall { EventLoopCheck.isEventLoopThread }
        #expect(!inBlockingCall)
    }
}
