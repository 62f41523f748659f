import Crypto
import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// The JSON bodies Slotline sends to webhook subscribers: `{"id", "type", "createdAt", "data"}`.
struct WebhookPayload<Data: Encodable>: Encodable {
    let id: String
    let type: String
    let createdAt: String
    let data: Data

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

/// What a `booking.*` event says about the booking. No private meeting details: those stay in Slotline.
struct BookingEventData: Encodable {
    struct Person: Encodable {
        let name: String
        let email: String
        let phone: String
        let language: String
        let timeZone: String
    }

    let bookingId: String
    let state: String
    let serviceId: String
    let serviceName: String
    let practitionerId: String
    let practitionerName: String
    let startsAt: String
    let endsAt: String
    let previousStartsAt: String?
    let seats: Int
    let sequence: Int
    let customer: Person
}

extension WebhookEvent {
    /// A booking event. Its id comes from the booking, the event and the sequence, so the same
    /// happening always has the same id and a repeated fan-out delivers nothing new.
    static func booking(_ type: WebhookEventType, happened: BookingEvents, facts: BookingMessages.Facts) -> WebhookEvent {
        let booking = facts.booking
        let id = eventId(booking.id, type, version: "\(happened.sequence)")
        let utc = TimeZone(identifier: "UTC")!
        let data = BookingEventData(
            bookingId: booking.id, state: happened.state.rawValue, serviceId: booking.serviceId, serviceName: facts.service.name,
            practitionerId: booking.practitionerId, practitionerName: facts.practitioner.name,
            startsAt: RFC3339.format(booking.startsAt, in: utc), endsAt: RFC3339.format(booking.endsAt, in: utc),
            previousStartsAt: happened.previousStartsAt.map { RFC3339.format($0, in: utc) }, seats: booking.seats,
            sequence: happened.sequence,
            customer: .init(name: booking.customer.name, email: booking.customer.email, phone: booking.customer.phone,
                            language: booking.customer.language.rawValue, timeZone: booking.customer.timeZone))
        let body = WebhookPayload(id: id, type: type.rawValue, createdAt: RFC3339.format(happened.occurredAt, in: utc), data: data)
        return WebhookEvent(id: id, type: type.rawValue, payload: body.encoded())
    }
}

/// What a `meeting.*` event says: the meeting's identity and time, never its join details.
struct MeetingEventData: Encodable {
    let meetingId: String
    let groupKey: String
    let provider: String
    let externalId: String?
    let state: String
    let startsAt: String
    let durationMinutes: Int
}

extension WebhookEvent {
    /// A meeting event, identified by the meeting, the event and the time it was synced for.
    static func meeting(_ type: WebhookEventType, _ meeting: Meeting) -> WebhookEvent {
        let utc = TimeZone(identifier: "UTC")!
        let version = "\(meeting.startsAt.unixSeconds):\(meeting.durationMinutes)"
        let id = eventId(meeting.id, type, version: version)
        let data = MeetingEventData(meetingId: meeting.id, groupKey: meeting.groupKey, provider: meeting.provider.rawValue,
                                    externalId: meeting.externalId, state: meeting.state.rawValue,
                                    startsAt: RFC3339.format(meeting.startsAt, in: utc), durationMinutes: meeting.durationMinutes)
        let body = WebhookPayload(id: id, type: type.rawValue, createdAt: RFC3339.format(meeting.updatedAt, in: utc), data: data)
        return WebhookEvent(id: id, type: type.rawValue, payload: body.encoded())
    }
}

extension WebhookEvent {
    /// The same subject, event and version always give the same id: a repeated fan-out delivers nothing new.
    static func eventId(_ subject: String, _ type: WebhookEventType, version: String) -> String {
        "evt_" + Hex.encode(SHA256.hash(data: Foundation.Data("\(subject):\(type.rawValue):\(version)".utf8)).prefix(16))
    }
}
