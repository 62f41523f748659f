import Crypto
import Foundation

/// Random tokens for API keys, sessions and manage links, and the hashes they are stored as.
public enum Secrets {
    /// A URL-safe random token with a readable prefix (`sk_…`, `mt_…`).
    public static func token(prefix: String, bytes: Int = 32) -> String {
        // One call into the crypto library's generator, not one system call per byte.
        let random = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { Data($0) }
        let base64 = random.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + "_" + base64
    }

    /// Tokens are stored as SHA-256: a leaked database gives no usable credential.
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public static func newID() -> String { UUID().uuidString.lowercased() }
}
