import Testing
@testable import SGWSimulator

/// The reasons a body is refused: each field that is missing or of the wrong JSON type is named in the reason (an
/// `id` or `kind` that is not text counts as missing), and the rest of the body does not matter.
@Suite struct SubmissionValidatorTests {
    func reason(_ json: String, platform: Platform, key: String? = nil) -> String? {
        guard let object = SubmissionValidator.object(Array(json.utf8)) else { return "not an object" }
        switch SubmissionValidator.id(of: object, key: key) {
        case .failure(let r): return r.reason
        case .success(let id):
            switch SubmissionValidator.validate(object, id: id, platform: platform) {
            case .failure(let r): return r.reason
            case .success: return nil
            }
        }
    }

    @Test(arguments: ["", "[]", "\"x\"", "12", "{", "{\"id\": }"])
    func bodiesThatAreNotObjectsAreRefused(json: String) {
        #expect(SubmissionValidator.object(Array(json.utf8)) == nil)
    }

    @Test func idAndKindMustBeTextAndMatch() {
        #expect(reason(#"{"kind": "approval", "message": {}}"#, platform: .interaction) == "id is missing")
        #expect(reason(#"{"id": 7, "kind": "approval", "message": {}}"#, platform: .interaction) == "id is missing")
        #expect(reason(#"{"id": "", "kind": "approval", "message": {}}"#, platform: .interaction) == "id is missing")
        #expect(reason(#"{"id": "a", "kind": "approval", "message": {}}"#, platform: .interaction, key: "b")
                == "id a differs from the Idempotency-Key b")
        #expect(reason(#"{"id": "a", "message": {}}"#, platform: .interaction) == "kind is missing; expected approval or supervision")
        #expect(reason(#"{"id": "a", "kind": ["approval"], "message": {}}"#, platform: .interaction)
                == "kind is missing; expected approval or supervision")
        #expect(reason(#"{"id": "a", "kind": "credit.licence", "message": {}}"#, platform: .interaction)
                == "kind is 'credit.licence'; expected approval or supervision")
    }

    @Test func interactionMessageMustBeAnObjectAndNamesItsDepartment() throws {
        #expect(reason(#"{"id": "a", "kind": "approval"}"#, platform: .interaction) == "message must be a JSON object")
        #expect(reason(#"{"id": "a", "kind": "approval", "message": "x"}"#, platform: .interaction) == "message must be a JSON object")
        let approval = try #require(SubmissionValidator.object(Array(
            #"{"id": "a", "kind": "approval", "message": {"supervisingDepartment": "区市场监管局", "other": [1, {"x": null}]}}"#.utf8)))
        #expect(try SubmissionValidator.validate(approval, id: "a", platform: .interaction).get().department == "区市场监管局")
        let supervision = try #require(SubmissionValidator.object(Array(
            #"{"id": "s", "kind": "supervision", "message": {"supervisingDepartment": 3}}"#.utf8)))
        #expect(try SubmissionValidator.validate(supervision, id: "s", platform: .interaction).get().department == "行政审批服务局")
    }

    @Test func creditItemsMustBeTextAndComplete() {
        #expect(reason(#"{"id": "a", "kind": "credit.licence"}"#, platform: .credit) == "items must be a JSON object")
        #expect(reason(#"{"id": "a", "kind": "credit.licence", "items": ["XK_NR"]}"#, platform: .credit) == "items must be a JSON object")
        #expect(reason(#"{"id": "a", "kind": "credit.licence", "items": {"XK_NR": 5}}"#, platform: .credit) == "item XK_NR must be text")
        let missing = reason(#"{"id": "a", "kind": "credit.licence", "items": {"XK_NR": "x"}}"#, platform: .credit) ?? ""
        #expect(missing.hasPrefix("missing required items: "))
        let codes = missing.dropFirst("missing required items: ".count).components(separatedBy: ", ")
        #expect(codes.contains("XK_JDRQ") && !codes.contains("XK_NR"))
    }
}
