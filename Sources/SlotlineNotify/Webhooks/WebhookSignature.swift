import Crypto
import Foundation
import SlotlineCore

/// `Slotline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the receiver
/// recomputes it to know the body came from Slotline, and checks `t` to refuse old replays.
public enum WebhookSignature {
    public static let header = "Slotline-Signature"

    public static func sign(body: String, secret: String, timestamp: Int64) -> String {
        "t=\(timestamp),v1=\(hmac(body: body, secret: secret, timestamp: timestamp))"
    }

    /// True when `signature` is a valid signature of `body` made within `tolerance` seconds of `now`.
    public static func verify(_ signature: String, body: String, secret: String, now: Int64, tolerance: Int64 = 300) -> Bool {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in signature.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now - timestamp) <= tolerance else { return false }
        let expected = hmac(body: body, secret: secret, timestamp: timestamp)
        return signatures.contains { ConstantTime.equal($0, expected) }
    }

    static func hmac(body: String, secret: String, timestamp: Int64) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.encode(code)
    }
}
