import Foundation
import PropertyBased
import SGWCore
import SGWServer
import SGWStore
import SGWTesting
import Testing

/// Over generated stores (messages of random kinds addressed to random departments, claimed by random departments,
/// some parked as dead letters), a department's token never sees another department's message in any listing, count,
/// page or export of the admin API: what it sees is exactly the messages addressed to or sent by its department and
/// those it claimed.
@Suite struct AdminScopePropertyTests {
    /// A message: its kind, its department (-1: none), who claims it (-1: no one), whether it fails, its counterparty.
    static let spec = zip(Gen.int(in: 0...2), Gen.int(in: -1...2), Gen.int(in: -1...2), Gen.bool, Gen.int(in: 0...1)).map {
        AdminWorld.Spec(kind: $0, department: $1 < 0 ? nil : $1, claimedBy: $2 < 0 ? nil : $2, fails: $3, person: $4)
    }

    @Test func aDepartmentSeesOnlyItsOwnMessagesEverywhere() async throws {
        await propertyCheck(count: 24, input: Self.spec.array(of: 1...7), Gen.int(in: 0...2)) { specs, viewer in
            let world = try AdminWorld(specs)
            defer { world.remove() }
            let department = AdminWorld.departments[viewer]
            // Whose a message is: its department (a supervision or credit message without one is the first
            // department's, as AdminWorld writes it), or the department that claimed it.
            let own = Set(zip(specs, world.ids).filter { spec, _ in
                let addressed = spec.department ?? (spec.kind == 0 ? nil : 0)
                return addressed == viewer || spec.claimedBy == viewer
            }.map(\.1))
            let all = try world.store.deliveries(destination: nil, state: nil, scope: .all, limit: 1000, offset: 0).items
            let letters = try world.store.deadLetters(scope: .all, limit: 1000, offset: 0).items
            try await world.withServer { api in
                let token = "dept\(viewer)"
                func page(_ path: String, _ key: String = "items") async throws -> (ids: [String], total: Int?) {
                    let (status, json, _, _) = try await api.get(path, as: token)
                    #expect(status == 200, "\(path)")
                    let container = key == "items" ? json : json[key] as? [String: Any] ?? [:]
                    return (AdminClient.messageIDs(container["items"]), container["total"] as? Int)
                }
                let messages = try await page("/api/v1/messages?limit=500")
                #expect(Set(messages.ids) == own, "\(department): its messages, all of them")
                #expect(messages.total == own.count)
                // Page by page: the pages hold the same messages, and each page's total is the same count.
                var paged: [String] = []
                for offset in stride(from: 0, to: max(own.count, 1), by: 2) {
                    let p = try await page("/api/v1/messages?limit=2&offset=\(offset)")
                    #expect(p.total == own.count)
                    paged += p.ids
                }
                #expect(Set(paged) == own && paged.count == own.count)
                for kind in MessageKind.allCases {
                    let byKind = try await page("/api/v1/messages?kind=\(kind.rawValue)&limit=500")
                    #expect(Set(byKind.ids).isSubset(of: own))
                }

                let deliveries = try await page("/api/v1/deliveries?limit=500")
                #expect(Set(deliveries.ids).isSubset(of: own))
                #expect(deliveries.total == all.filter { own.contains($0.messageID) }.count)
                let dead = try await page("/api/v1/deadletters?limit=500")
                #expect(Set(dead.ids).isSubset(of: own))
                #expect(dead.total == letters.filter { own.contains($0.messageID.rawValue) }.count)
                for state in ["overdue", "at-risk"] {
                    let due = try await page("/api/v1/deadlines?state=\(state)&limit=500")
                    #expect(Set(due.ids).isSubset(of: own), "\(state)")
                    #expect(due.total == due.ids.count)
                }
                let claims = try await page("/api/v1/claims?limit=500", "claims")
                #expect(Set(claims.ids).isSubset(of: own))
                for identity in ["11010519491231002X", "91110000600037341L"] {
                    let party = try await page("/api/v1/counterparties/\(identity)?limit=500", "messages")
                    #expect(Set(party.ids).isSubset(of: own))
                    let expected = zip(specs, world.ids).filter { ($0.0.person == 1) == (identity.hasPrefix("1101")) && own.contains($0.1) }
                    #expect(party.total == expected.count, "\(identity)")
                }
                // One message at a time: its own are there, every other is not found, as if it did not exist.
                for id in world.ids {
                    #expect(try await api.get("/api/v1/messages/\(id)", as: token).status == (own.contains(id) ? 200 : 404))
                }
                for letter in letters {
                    let status = try await api.get("/api/v1/deadletters/\(letter.deliveryID)", as: token).status
                    #expect(status == (own.contains(letter.messageID.rawValue) ? 200 : 404))
                }
                // Imports and their rejects mix departments: not a department's to read.
                #expect(try await api.get("/api/v1/imports", as: token).status == 403)
                #expect(try await api.get("/api/v1/imports/\(world.importID)/rejects", as: token).status == 403)
            }
        }
    }
}
