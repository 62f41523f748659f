import Crypto
import Foundation

/// Random tokens for API keys, sessions and manage links, and the hashes they are stored as.
public enum Secrets {
    /// A URL-safe random token with a readable prefix (`sk_…`, `mt_…`).
    public static func token(prefix: String, bytes: Int = 32) -> String {
        let random = (0..<bytes).map { _ in UInt8.random(in: .min ... .max) }
        let base64 = Data(random).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + "_" + base64
    }

    /// Tokens are stored as SHA-256: a leaked database gives no usable credential.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public static func newID() -> String { UUID().uuidString.lowercased() }
}
