import Foundation
import SGWMapping
@testable import SGWSources
import SGWTesting
import Testing

/// Where a run goes after each page, for every kind of pagination, from the page's own values.
@Suite struct PaginationTests {
    func poller(_ pagination: String, http extra: String = "") throws -> HTTPPoller {
        let harness = try GatewayHarness(adapters: ["paged.yaml": """
            kind: http-poll
            mapping: liaocheng-penalties
            format: {type: json, records: data.list}
            http:
              url: http://127.0.0.1:9/api
              pagination: {\(pagination)}
            \(extra)
            """])
        defer { harness.dir.remove() }
        return try #require(try harness.parts().pollers.first { $0.adapter == "paged" })
    }

    static func page(_ records: Int, _ extra: String = "") -> [UInt8] {
        let list = Array(repeating: #"{"cfWsh":"x"}"#, count: records).joined(separator: ",")
        return Array(#"{"code":"200","data":{"list":[\#(list)]\#(extra)}}"#.utf8)
    }

    let url = URL(string: "http://127.0.0.1:9/api")!

    @Test func pagesEndAtTheTotalOrAShortPage() throws {
        let p = try poller("page_param: pageNo, size_param: pageSize, size: \"3\", total_path: data.total")
        #expect(p.nextPosition(after: "1", count: 3, body: Self.page(3, #","total":7"#), url: url, pagesRead: 1) == "2")
        #expect(p.nextPosition(after: "3", count: 1, body: Self.page(1, #","total":7"#), url: url, pagesRead: 3) == nil)
        let q = try poller("page_param: pageNo, size_param: pageSize, size: \"3\"")
        #expect(q.nextPosition(after: "1", count: 3, body: Self.page(3), url: url, pagesRead: 1) == "2")
        #expect(q.nextPosition(after: "2", count: 2, body: Self.page(2), url: url, pagesRead: 2) == nil)
        #expect(q.parameters(position: "2", since: "2026-01-01").map { "\($0.0)=\($0.1)" } == ["pageNo=2", "pageSize=3"])
    }

    @Test func offsetsMoveByTheRecordsRead() throws {
        let p = try poller("kind: offset, offset_param: start, size_param: limit, size: \"3\", total_path: data.total")
        #expect(p.nextPosition(after: "0", count: 3, body: Self.page(3, #","total":5"#), url: url, pagesRead: 1) == "3")
        #expect(p.nextPosition(after: "3", count: 2, body: Self.page(2, #","total":5"#), url: url, pagesRead: 2) == nil)
    }

    @Test func cursorsComeFromThePageAndEndWhenItHasNone() throws {
        let p = try poller("kind: cursor, cursor_param: after, cursor_path: data.next")
        #expect(p.firstPosition == "")
        #expect(p.parameters(position: "", since: nil).isEmpty, "the first page has no cursor")
        #expect(p.nextPosition(after: "", count: 2, body: Self.page(2, #","next":"c2""#), url: url, pagesRead: 1) == "c2")
        #expect(p.nextPosition(after: "c2", count: 2, body: Self.page(2, #","next":null"#), url: url, pagesRead: 2) == nil)
        #expect(p.nextPosition(after: "c2", count: 2, body: Self.page(2, #","next":"c2""#), url: url, pagesRead: 2) == nil,
                "a cursor that does not move ends the run instead of asking the same page forever")
    }

    @Test func nextLinksAreFollowedRelativeToThePage() throws {
        let p = try poller("kind: next-link, next_path: data.next")
        let next = p.nextPosition(after: url.absoluteString, count: 2, body: Self.page(2, #","next":"/api?page=2""#), url: url, pagesRead: 1)
        #expect(next == "http://127.0.0.1:9/api?page=2")
        #expect(p.nextPosition(after: "x", count: 2, body: Self.page(2), url: url, pagesRead: 2) == nil)
    }

    @Test func aPostCarriesThePagingInItsBody() throws {
        let p = try poller("page_param: pageNo, size_param: pageSize, size: \"20\"", http: "  method: POST\n  body: '{\"area\": \"371500\"}'")
        let body = try #require(try p.requestBody(position: "2", since: nil))
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        #expect(object?["area"] as? String == "371500")
        #expect(object?["pageNo"] as? Int == 2)
        #expect(try p.pageURL(position: "2", since: nil) == URL(string: "http://127.0.0.1:9/api"))
    }
}
