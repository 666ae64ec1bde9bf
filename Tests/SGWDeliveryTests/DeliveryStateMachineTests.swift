import Foundation
import PropertyBased
import SGWCore
import SGWPipeline
import Testing

/// The delivery decisions, tested without a clock or a network.
@Suite struct DeliveryStateMachineTests {
    let machine = DeliveryStateMachine(configuration: .init(baseDelay: 1, maximumDelay: 600, leaseDuration: 60))
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aDueDeliveryIsLeasedSentAndDelivered() {
        var (state, action) = machine.next(.pending(attempts: 0, notBefore: t0), .lease, now: t0)
        #expect(action == .send(attempt: 1))
        #expect(state == .leased(attempt: 1, until: t0.addingTimeInterval(60)))
        (state, action) = machine.next(state, .succeeded, now: t0.addingTimeInterval(1))
        #expect(state == .delivered(at: t0.addingTimeInterval(1), attempts: 1))
        #expect(action == .recordDelivered)
        // A duplicate report changes nothing.
        #expect(machine.next(state, .succeeded, now: t0.addingTimeInterval(2)).0 == state)
    }

    @Test func notBeforeItsTimeAndNotWhileAnotherWorkerHoldsIt() {
        let waiting = DeliveryStateMachine.State.pending(attempts: 1, notBefore: t0.addingTimeInterval(10))
        #expect(machine.next(waiting, .lease, now: t0).0 == waiting)
        let held = DeliveryStateMachine.State.leased(attempt: 1, until: t0.addingTimeInterval(60))
        #expect(machine.next(held, .lease, now: t0.addingTimeInterval(30)).0 == held)
        // After a crash the lease runs out and another attempt happens.
        let (taken, action) = machine.next(held, .lease, now: t0.addingTimeInterval(61))
        #expect(action == .send(attempt: 2))
        #expect(taken == .leased(attempt: 2, until: t0.addingTimeInterval(121)))
    }

    @Test func aLeaseGivenBackUnsentIsDueAgainWithoutCountingAnAttempt() {
        let leased = DeliveryStateMachine.State.leased(attempt: 2, until: t0.addingTimeInterval(5))
        let (state, action) = machine.next(leased, .unsent, now: t0)
        #expect(action == .release)
        #expect(state == .pending(attempts: 1, notBefore: t0))
        #expect(machine.next(state, .lease, now: t0).1 == .send(attempt: 2))
        // Only a held lease can be given back.
        let delivered = DeliveryStateMachine.State.delivered(at: t0, attempts: 1)
        #expect(machine.next(delivered, .unsent, now: t0).0 == delivered)
    }

    @Test func transientFailuresRetryWithJitteredBackoffAndRetryAfter() {
        let leased = DeliveryStateMachine.State.leased(attempt: 3, until: t0.addingTimeInterval(60))
        let (state, action) = machine.next(leased, .failed(.transient(reason: "HTTP 503", retryAfter: nil)), now: t0, jitter: 0.5)
        // Attempt 3: ceiling 1·2² = 4 s; jitter 0.5 → 2 s.
        #expect(action == .retry(at: t0.addingTimeInterval(2)))
        #expect(state == .pending(attempts: 3, notBefore: t0.addingTimeInterval(2)))
        let (_, honoured) = machine.next(leased, .failed(.transient(reason: "HTTP 429", retryAfter: 30)), now: t0, jitter: 0.1)
        #expect(honoured == .retry(at: t0.addingTimeInterval(30)))
    }

    @Test func aRetryAfterBeyondTheMaximumWaitsOnlyTheMaximum() {
        // A platform asking for days, for ever (inf) or nonsense (NaN, negative) must neither leave the delivery
        // undue for years nor reach the store as a date it cannot write.
        let leased = DeliveryStateMachine.State.leased(attempt: 1, until: t0.addingTimeInterval(60))
        for (asked, waited) in [(86_400 * 365.0, 600.0), (1e12, 600), (.infinity, 600), (.nan, 0), (-5, 0)] {
            let (_, action) = machine.next(leased, .failed(.transient(reason: "HTTP 429", retryAfter: asked)), now: t0, jitter: 0)
            #expect(action == .retry(at: t0.addingTimeInterval(waited)), "\(asked)")
        }
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        #expect(RetryAfter.seconds("120", now: t0) == 120)
        #expect(RetryAfter.seconds(" 0 ", now: t0) == 0)
        #expect(RetryAfter.seconds("99999999999999999999", now: t0) == 1e12)
        // t0 is 2027-01-15T08:00:00Z.
        #expect(RetryAfter.seconds("Fri, 15 Jan 2027 08:01:30 GMT", now: t0) == 90)
        #expect(RetryAfter.seconds("Friday, 15-Jan-27 08:01:30 GMT", now: t0) == 90)
        #expect(RetryAfter.seconds("Fri Jan 15 08:01:30 2027", now: t0) == 90)
        #expect(RetryAfter.seconds("Thu, 14 Jan 2027 08:00:00 GMT", now: t0) == 0)
        for bad in ["", "soon", "-5", "1.5", "inf", "nan", "1e9", "Fri, 15 Jan 2027"] {
            #expect(RetryAfter.seconds(bad, now: t0) == nil, "\(bad)")
        }
    }

    @Test func backoffStaysWithinItsCeiling() async {
        await propertyCheck(input: Gen.int(in: 1...40), Gen.double(in: 0..<1)) { attempt, jitter in
            let d = machine.backoff(afterAttempt: attempt, jitter: jitter, retryAfter: nil)
            #expect(d >= 0 && d < min(600, pow(2, Double(attempt - 1))))
        }
    }

    @Test func permanentFailuresAreParkedUntilReplayed() {
        let leased = DeliveryStateMachine.State.leased(attempt: 2, until: t0.addingTimeInterval(60))
        let (parked, action) = machine.next(leased, .failed(.permanent(reason: "HTTP 400")), now: t0)
        #expect(action == .park(reason: "HTTP 400"))
        #expect(parked == .deadLetter(attempts: 2, reason: "HTTP 400"))
        #expect(machine.next(parked, .lease, now: t0).0 == parked)  // never picked up on its own
        let (replayed, _) = machine.next(parked, .replay, now: t0.addingTimeInterval(100))
        #expect(replayed == .pending(attempts: 2, notBefore: t0.addingTimeInterval(100)))
    }

    @Test(arguments: [
        (Int?.none, "transient"), (200, "ok"), (204, "ok"), (408, "transient"), (429, "transient"), (500, "transient"),
        (503, "transient"), (400, "permanent"), (401, "permanent"), (404, "permanent"), (422, "permanent"),
    ])
    func classification(_ status: Int?, _ expected: String) {
        let kind: String = switch DeliveryStateMachine.Failure.classify(status: status) {
        case nil: "ok"
        case .transient?: "transient"
        case .permanent?: "permanent"
        }
        #expect(kind == expected)
        #expect(DeliveryStateMachine.Failure.classify(status: 200, bodyAccepted: false) == .permanent(reason: "HTTP 200 but the platform rejected the body"))
    }

    @Test func aPassedDeadlineMarksOverdueButRetriesGoOn() {
        let due = t0
        let pending = DeliveryStateMachine.State.pending(attempts: 5, notBefore: t0.addingTimeInterval(-1))
        #expect(DeliveryStateMachine.isOverdue(pending, dueAt: due, now: t0.addingTimeInterval(1)))
        #expect(machine.next(pending, .lease, now: t0.addingTimeInterval(1)).1 == .send(attempt: 6))
        #expect(!DeliveryStateMachine.isOverdue(.delivered(at: t0.addingTimeInterval(-5), attempts: 1), dueAt: due, now: t0.addingTimeInterval(100)))
        #expect(DeliveryStateMachine.isOverdue(.delivered(at: t0.addingTimeInterval(5), attempts: 1), dueAt: due, now: t0.addingTimeInterval(100)))
        #expect(!DeliveryStateMachine.isOverdue(pending, dueAt: nil, now: t0))
    }
}
