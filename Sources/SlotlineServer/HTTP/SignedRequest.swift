import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SlotlineCore

/// The `v0` request signature Zoom and Slack share: `v0=hex(HMAC-SHA256(secret, "v0:" + timestamp
/// + ":" + raw body))` with the timestamp in a header of its own, refused when older than five
/// minutes, so a captured request cannot be replayed later.
enum SignedRequest {
    static let tolerance: Int64 = 300

    static func checkV0(_ request: Request, raw: Data, secret: String, timestampHeader: String, signatureHeader: String, now: Date) throws {
        let body = String(decoding: raw, as: UTF8.self)
        guard let timestamp = request.headers[HTTPField.Name(timestampHeader)!].flatMap({ Int64($0) }),
              abs(now.unixSeconds - timestamp) <= tolerance,
              let signature = request.headers[HTTPField.Name(signatureHeader)!],
              ConstantTime.equal(signature, "v0=" + hmac("v0:\(timestamp):\(body)", secret: secret)) else {
            throw SlotlineError(.invalidSignature, field: signatureHeader)
        }
    }

    static func hmac(_ text: String, secret: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }
}
