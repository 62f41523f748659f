import Crypto
import Foundation
import SlotlineCore

/// The token every state-changing form carries against cross-site requests: an expiry and an
/// HMAC of it with what the form is bound to (the staff session, or the public page it came from),
/// under the server key. A form posted from another site has no token it could have read.
struct FormToken: Sendable {
    static let field = "csrf"
    /// A form left open longer than this asks to be sent again.
    static let lifetime: TimeInterval = 12 * 3600
    private let key: SymmetricKey

    init(serverKey: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: serverKey), info: Data("slotline form tokens".utf8),
                                     outputByteCount: 32)
    }

    func issue(for binding: String, now: Date) -> String {
        let expiry = String(Int(now.timeIntervalSince1970 + Self.lifetime))
        return expiry + "." + signature(expiry, binding)
    }

    /// `form_expired` for a missing, forged, foreign or expired token.
    func check(_ token: String?, for binding: String, now: Date) throws {
        guard let token, let dot = token.firstIndex(of: "."),
              let expiry = Int(token[..<dot]), Double(expiry) >= now.timeIntervalSince1970 else {
            throw SlotlineError(.formExpired)
        }
        let expected = signature(String(expiry), binding)
        let given = String(token[token.index(after: dot)...])
        // Compared in constant time, so the answer's timing reveals nothing of the right signature.
        guard given.utf8.count == expected.utf8.count,
              zip(given.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw SlotlineError(.formExpired)
        }
    }

    private func signature(_ expiry: String, _ binding: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("\(expiry)|\(binding)".utf8), using: key)))
    }
}
