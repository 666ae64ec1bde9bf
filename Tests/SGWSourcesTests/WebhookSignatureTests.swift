import Foundation
import SGWSources
import Testing

@Suite struct WebhookSignatureTests {
    let verifier = WebhookSignature(secret: "whsec_" + Data("k".utf8).base64EncodedString())!
    let body = Array(#"{"a":1}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSignatureMadeForTheRequestVerifies() {
        let sig = verifier.sign(id: "msg_1", timestamp: 1_800_000_000, body: body)
        #expect(sig.hasPrefix("v1,"))
        #expect(throws: Never.self) { try verifier.verify(id: "msg_1", timestamp: "1800000000", signature: sig, body: body, now: now).get() }
    }

    /// The Standard Webhooks test vector: secret, id, timestamp and body from the specification's examples.
    @Test func theSpecificationsExampleVerifies() {
        let spec = WebhookSignature(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", tolerance: .infinity)!
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let result = spec.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330",
                                 signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", body: body, now: now)
        #expect((try? result.get()) != nil)
    }

    @Test(arguments: [
        ("another body", WebhookSignature.Failure.mismatch),
        ("expired", .expired),
        ("no headers", .missingHeaders),
        ("a timestamp that is not a number", .badTimestamp),
    ])
    func refused(_ case: String, _ expected: WebhookSignature.Failure) {
        let sig = verifier.sign(id: "msg_1", timestamp: 1_800_000_000, body: body)
        let result: Result<Void, WebhookSignature.Failure> = switch `case` {
        case "another body": verifier.verify(id: "msg_1", timestamp: "1800000000", signature: sig, body: body + [0x20], now: now)
        case "expired": verifier.verify(id: "msg_1", timestamp: "1800000000", signature: sig, body: body, now: now.addingTimeInterval(301))
        case "no headers": verifier.verify(id: nil, timestamp: "1800000000", signature: sig, body: body, now: now)
        default: verifier.verify(id: "msg_1", timestamp: "soon", signature: sig, body: body, now: now)
        }
        guard case .failure(let failure) = result else {
            Issue.record("\(`case`) was accepted")
            return
        }
        #expect(failure == expected)
    }

    @Test func anyOfSeveralSignaturesMayMatchWhileASecretIsRotated() {
        let sig = verifier.sign(id: "msg_1", timestamp: 1_800_000_000, body: body)
        let both = "v1,AAAA " + sig
        #expect((try? verifier.verify(id: "msg_1", timestamp: "1800000000", signature: both, body: body, now: now).get()) != nil)
    }

    @Test func aSecretThatIsNotBase64IsRefused() {
        #expect(WebhookSignature(secret: "whsec_***") == nil)
    }
}
