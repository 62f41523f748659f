import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk

/// `/webhooks/zoom`: Zoom's event notifications, signed with the app's secret token. Zoom retries
/// deliveries, so every event sets a state rather than counting anything.
struct ZoomWebhookController {
    let events: ProviderEvents
    let settings: ServerSettings
    let time: TimeSource

    struct Envelope: Decodable {
        struct Payload: Decodable {
            struct Object: Decodable {
                let id: FlexibleID?
            }
            let plainToken: String?
            let user_id: String?
            let object: Object?
        }
        let event: String
        /// Milliseconds since 1970, when Zoom saw the event happen.
        let event_ts: Int64?
        let payload: Payload?
    }

    /// Zoom sends meeting ids as numbers; other ids are strings.
    struct FlexibleID: Decodable {
        let text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) { text = String(number) } else { text = try container.decode(String.self) }
        }
    }

    struct ValidationAnswer: ResponseEncodable {
        let plainToken: String
        let encryptedToken: String
    }

    struct Received: ResponseEncodable { let received: Bool }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.post("webhooks/zoom", use: receive)
    }

    @Sendable func receive(request: Request, context: SlotlineContext) async throws -> Response {
        guard let secret = settings.zoomWebhookSecret else { throw SlotlineError(.providerNotConfigured, field: "zoom webhooks") }
        let data = try await RequestBody.data(of: request, context: context)
        try SignedRequest.checkV0(request, raw: data, secret: secret, timestampHeader: "x-zm-request-timestamp", signatureHeader: "x-zm-signature",
                                  now: time.now())
        let raw = String(decoding: data, as: UTF8.self)
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(raw.utf8)) else { throw SlotlineError(.invalidJSON) }
        switch envelope.event {
        case "endpoint.url_validation":
            guard let plain = envelope.payload?.plainToken else { throw SlotlineError.missing("payload.plainToken") }
            return try ValidationAnswer(plainToken: plain, encryptedToken: SignedRequest.hmac(plain, secret: secret))
                .response(from: request, context: context)
        case "app_deauthorized":
            if let user = envelope.payload?.user_id { try await events.appRemoved(provider: .zoom, externalUserId: user) }
        case "meeting.started", "meeting.ended", "meeting.deleted":
            if let id = envelope.payload?.object?.id?.text {
                let state: Meeting.State = envelope.event == "meeting.started" ? .started : envelope.event == "meeting.ended" ? .ended : .deleted
                let at = envelope.event_ts.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? time.now()
                try await events.meeting(state, provider: .zoom, externalId: id, at: at)
            }
        default:
            break
        }
        return try Received(received: true).response(from: request, context: context)
    }
}
