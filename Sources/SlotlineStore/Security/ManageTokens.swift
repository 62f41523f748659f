import Crypto
import Foundation
import SlotlineCore

/// A booking's manage token is an HMAC of its id under the server key: messages and reminders can
/// put the link in again at any time, yet the database holds only its hash.
public struct ManageTokens: Sendable {
    private let key: SymmetricKey

    public init(key: Data) {
        // A key of its own, so a manage token never equals a signature made with the server key elsewhere.
        self.key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("slotline manage tokens".utf8), using: SymmetricKey(data: key)))
    }

    public func token(bookingId: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(bookingId.utf8), using: key)
        return "mt_" + Base64URL.encode(code)
    }
}
