import Foundation
import SGWTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sgw deliver --max-wait` holds its bound even when a platform takes every request and never answers: the wave in
/// flight is cut at the time and its deliveries kept for a retry. Run as a child process, so that the time measured
/// is the command's own and not this test process's, whose threads other tests keep busy.
@Suite struct DeliverMaxWaitTests {
    /// A TCP port on 127.0.0.1 that takes connections (the kernel's backlog) and never answers; closed by `close(fd)`.
    static func silentPort() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(listening)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func theWaitHoldsWhileAPlatformNeverAnswers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (fd, port) = Self.silentPort()
        defer { close(fd) }
        let data = ["--data", dir.path + "/data"]
        let imported = try SGWProcess.run(["import", "--config", Repository.root] + data
                                          + ["--adapter", "zhoucun-licences", Repository.root + "/examples/inbox/zhoucun-licences-gbk.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        try dir.write("config/destinations/credit.yaml", """
            platform: credit
            kind: http
            http:
              url: http://127.0.0.1:\(port)/credit/v1/records
              batch_url: http://127.0.0.1:\(port)/credit/v1/batch
              batch_size: 5
              concurrency: 4
              timeout_seconds: 60
            """)
        let started = Date()
        let r = try SGWProcess.run(["deliver", "--config", dir.path + "/config", "--max-wait", "2s"] + data)
        let elapsed = Date().timeIntervalSince(started)
        #expect(r.status == 0, "\(r.stderr)")
        // 2 s asked for, and a request timeout of 60 s: the run ends a commit or two after the 2 s.
        #expect(elapsed >= 2 && elapsed < 10, "ran \(elapsed) s")
        #expect(r.stdout.contains("credit: delivered 0"), "\(r.stdout)")
        // None of the 57 credit records is lost or left leased: all are still to be delivered.
        #expect(r.stdout.contains(", 0 leased or awaiting a receipt"), "\(r.stdout)")
        let status = try SGWProcess.run(["status"] + data)
        #expect(status.stdout.contains("credit: 57 pending, 0 in flight, 0 delivered"), "\(status.stdout)")
    }
}
