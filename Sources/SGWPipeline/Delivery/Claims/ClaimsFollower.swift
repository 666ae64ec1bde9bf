import Foundation
import SGWCore
import SGWStore

/// Follows the platforms' claims feeds: reads each from the cursor the store keeps for it, records the events with the
/// cursor they move it to, and acts on the deadlines that fell due as their profiles say (auto-claims where a text
/// sets them, overdue claims where not, feedback windows).
struct ClaimsFollower: Sendable {
    let store: any ClaimsStore
    let clients: [PlatformClient]
    let clock: @Sendable () -> Date
    /// The profiles, which say what happens at each claim deadline (auto-claim or overdue).
    let profiles: ProfileCatalog

    /// What one round found.
    struct Round: Sendable {
        /// Claim and feedback events recorded.
        var events = 0
        /// Deadlines closed by sgw.
        var closed: [ClosedDeadline] = []
        /// Feeds that could not be read this round; the next round tries them again.
        var errors: [ClaimsFeedError] = []
    }

    /// The pause between rounds: the shortest of the destinations' claims intervals.
    var intervalSeconds: TimeInterval { clients.map(\.spec.claimsIntervalSeconds).min() ?? 60 }

    /// Rounds until `stopAt` or cancellation; a feed that cannot be read is reported (`progress`) each round, not only
    /// at the end.
    func follow(until stopAt: Date?, progress: @Sendable (String) -> Void) async throws -> Round {
        var total = Round()
        while stopAt.map({ Date() < $0 }) ?? true, !Task.isCancelled {
            guard let found = try await BoundedWait.run(until: stopAt, { try await self.round() }) else { break }
            total.events += found.events
            total.closed += found.closed
            for e in found.errors { progress("warning: \(e)") }
            try await BoundedWait.sleep(seconds: intervalSeconds, until: stopAt)
        }
        return total
    }

    /// Reads every claims feed to its end, records the events, and closes the deadlines that fell due.
    func round() async throws -> Round {
        var round = Round()
        for client in clients where client.spec.claimsURL != nil {
            do {
                round.events += try await read(client)
            } catch let error as CancellationError {
                throw error
            } catch {
                round.errors.append(ClaimsFeedError(source: client.spec.name, error: error))
            }
        }
        round.closed = try await blockingCall { [store, clock, profiles] in try store.closeDueDeadlines(now: clock(), profiles: profiles) }
        return round
    }

    /// Reads one feed from its cursor to its end; the events recorded.
    func read(_ client: PlatformClient) async throws -> Int {
        let source = client.spec.name
        var events = 0
        while true {
            let cursor = try await blockingCall { [store] in try store.eventCursor(source: source) }
            let (batch, next) = try await client.claims(after: cursor)
            try await blockingCall { [store, clock] in try store.record(batch, source: source, cursor: next > cursor ? next : nil, now: clock()) }
            events += batch.count
            // A feed that does not move its cursor (no seq, `after` ignored) is read once per round, not in a loop.
            guard next > cursor, !batch.isEmpty else { return events }
        }
    }
}
