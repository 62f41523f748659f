import Crypto
import Foundation
import SlotlineCore

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: the verifier stays in the
/// session, the challenge goes in the authorize URL.
public struct PKCE: Hashable, Sendable, CustomStringConvertible {
    public static let method = "S256"

    public let verifier: String
    public let challenge: String

    /// A fresh verifier of 43 characters (32 random bytes).
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(verifier: Base64URL.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
    }

    public var description: String { "PKCE(challenge: \(challenge))" }
}
