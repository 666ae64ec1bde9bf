import Foundation
import SGWTesting

/// A polled adapter of 聊城's JSON API on the simulator at `base` (the shipped one, at another port), with `extra`
/// lines added to its `http:` block and `size` records a page.
func liaochengAdapter(base: String, size: Int = 20, expires: Bool = true) throws -> String {
    var text = try String(contentsOfFile: Repository.root + "/adapters/liaocheng-penalties.yaml", encoding: .utf8)
        .replacingOccurrences(of: "http://127.0.0.1:8900", with: base)
        .replacingOccurrences(of: "size: \"20\"", with: "size: \"\(size)\"")
    if !expires { text = text.replacingOccurrences(of: "      expires_path: data.expiresIn\n", with: "") }
    return text
}
