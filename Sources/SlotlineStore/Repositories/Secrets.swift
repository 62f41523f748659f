import Crypto
import Foundation
import SlotlineCore

/// Random tokens for API keys, sessions and manage links, and the hashes they are stored as.
public enum Secrets {
    /// A URL-safe random token with a readable prefix (`sk_…`, `mt_…`).
    public static func token(prefix: String, bytes: Int = 32) -> String {
        // One call into the crypto library's generator, not one system call per byte.
        let random = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { Array($0) }
        return prefix + "_" + Base64URL.encode(random)
    }

    /// Tokens are stored as SHA-256: a leaked database gives no usable credential.
    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// A new row id: a UUID version 7 (RFC 9562). Its first 48 bits are the milliseconds since
    /// 1970, so new rows land next to each other at the end of every index on an id, instead of
    /// each on a random page (fewer pages written per commit); 74 random bits follow.
    public static func newID() -> String {
        var uuid = UUID().uuid  // version 4: random bits everywhere the layout below leaves them
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * index)) }
            bytes[6] = bytes[6] & 0x0f | 0x70
            bytes[8] = bytes[8] & 0x3f | 0x80
        }
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}
