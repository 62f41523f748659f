import Crypto
import Foundation

/// The webhook events the simulator can send.
public enum ZoomWebhookEvent: String, Sendable, CaseIterable {
    case meetingStarted = "meeting.started"
    case meetingEnded = "meeting.ended"
    case meetingDeleted = "meeting.deleted"
    case appDeauthorized = "app_deauthorized"
    case urlValidation = "endpoint.url_validation"
}

/// A webhook delivery ready to POST: send `body` byte for byte, with every header in `headers`.
public struct SignedZoomWebhook: Sendable, Hashable {
    /// `content-type`, `x-zm-request-timestamp` and `x-zm-signature`.
    public let headers: [String: String]
    public let body: String
}

/// Signs deliveries as Zoom does: `x-zm-signature: v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))`.
public enum ZoomWebhookSigner {
    /// The envelope `{event, event_ts (ms), payload}` for `payload`, signed with `secret` at `timestamp`.
    public static func signedWebhook(event: ZoomWebhookEvent, payload: some Encodable, secret: String, timestamp: Date) -> SignedZoomWebhook {
        let seconds = Int(timestamp.timeIntervalSince1970)
        let envelope = Envelope(event: event.rawValue, event_ts: Int64((timestamp.timeIntervalSince1970 * 1000).rounded(.down)), payload: payload)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: (try? encoder.encode(envelope)) ?? Data(), as: UTF8.self)
        return SignedZoomWebhook(
            headers: [
                "content-type": "application/json",
                "x-zm-request-timestamp": String(seconds),
                "x-zm-signature": signature(body: body, secret: secret, timestamp: String(seconds)),
            ],
            body: body
        )
    }

    /// `v0=<hex>` for a raw body and the timestamp header's text.
    public static func signature(body: String, secret: String, timestamp: String) -> String {
        "v0=" + hmacHex("v0:\(timestamp):\(body)", secret: secret)
    }

    /// The `encryptedToken` a receiver must answer to `endpoint.url_validation`.
    public static func encryptedToken(plainToken: String, secret: String) -> String {
        hmacHex(plainToken, secret: secret)
    }

    private static func hmacHex(_ message: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    private struct Envelope<Payload: Encodable>: Encodable {
        let event: String
        let event_ts: Int64
        let payload: Payload
    }
}

/// `payload` of `meeting.started`, `meeting.ended` and `meeting.deleted`.
public struct ZoomMeetingWebhookPayload: Encodable, Sendable {
    public struct Object: Encodable, Sendable {
        public let id: Int64
        public let uuid: String
        public let host_id: String
        public let topic: String
        public let type: Int
        public let start_time: String
        public let duration: Int
        public let timezone: String
        public let end_time: String?
    }

    public let account_id: String
    public let object: Object

    public init(accountId: String, meeting: SimulatedZoomMeeting, endTime: Date? = nil) {
        account_id = accountId
        object = Object(
            id: meeting.id, uuid: meeting.uuid, host_id: meeting.hostId, topic: meeting.topic, type: meeting.type,
            start_time: ZoomTime.format(meeting.startTime), duration: meeting.duration, timezone: meeting.timezone,
            end_time: endTime.map(ZoomTime.format)
        )
    }
}

/// `payload` of `app_deauthorized`.
public struct ZoomDeauthorizationPayload: Encodable, Sendable {
    public let user_id: String
    public let account_id: String
    public let client_id: String
    public let deauthorization_time: String

    public init(userId: String, accountId: String, clientId: String, deauthorizationTime: Date) {
        user_id = userId
        account_id = accountId
        client_id = clientId
        deauthorization_time = ZoomTime.format(deauthorizationTime)
    }
}

/// `payload` of `endpoint.url_validation`.
public struct ZoomURLValidationPayload: Encodable, Sendable {
    public let plainToken: String

    public init(plainToken: String) { self.plainToken = plainToken }
}
