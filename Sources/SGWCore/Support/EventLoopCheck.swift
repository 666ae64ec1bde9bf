import Foundation

/// Whether the current thread runs one of NIO's event loops, where nothing may block: in `sgw` they are Swift's global
/// executor, and a blocked loop holds up every connection it serves. NIO names the threads of its loops `NIO-ELT-…`,
/// and those of its singleton group (sgw's executor) `NIO-SGLTN-…`; `EventLoopCheckTests` pins the names.
public enum EventLoopCheck {
    /// True on an event loop's thread.
    public static var isEventLoopThread: Bool {
        guard let name = threadName else { return false }
        return name.hasPrefix("NIO-ELT-") || name.hasPrefix("NIO-SGLTN-")
    }

    /// The current thread's name, as the system keeps it.
    static var threadName: String? {
        #if canImport(Darwin)
        var name = [CChar](repeating: 0, count: 64)
        guard pthread_getname_np(pthread_self(), &name, name.count) == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        // Swift's Glibc module does not export pthread_getname_np; the kernel shows the name in /proc.
        return try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
        #endif
    }

    /// Stops a debug build at a blocking call made on an event loop (the store's: it belongs in `blockingCall`).
    /// Release builds do not check.
    public static func assertMayBlock(_ what: @autoclosure () -> String = "a blocking call",
                                      file: StaticString = #fileID, line: UInt = #line) {
        assert(!isEventLoopThread, "\(what()) on an event loop thread: run it through blockingCall", file: file, line: line)
    }
}
