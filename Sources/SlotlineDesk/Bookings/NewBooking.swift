import Crypto
import Foundation
import SlotlineCore

/// What a customer or staff member asks to book.
public struct NewBooking: Sendable, Equatable {
    public var serviceId: String
    /// Nil lets Slotline pick the first practitioner of the service who is free.
    public var practitionerId: String?
    public var startsAt: Date
    public var seats: Int
    public var customer: Customer
    public var notes: String

    public init(serviceId: String, practitionerId: String?, startsAt: Date, seats: Int = 1, customer: Customer, notes: String = "") {
        self.serviceId = serviceId
        self.practitionerId = practitionerId
        self.startsAt = startsAt
        self.seats = seats
        self.customer = customer
        self.notes = notes
    }
}

/// A booking just made, with the manage token the customer keeps (shown once).
public struct SubmittedBooking: Sendable {
    public var booking: Booking
    public var manageToken: String
    /// True when an earlier request with the same Idempotency-Key made this booking.
    public var replayed: Bool
}

extension NewBooking {
    /// What the request asks for, whatever its wording: the same fields give the same fingerprint
    /// however the JSON was spaced or ordered, or the time zone its start was written in.
    public var fingerprint: String {
        struct Fields: Encodable {
            let serviceId: String, practitionerId: String?, startsAt: Double, seats: Int, customer: Customer, notes: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let fields = Fields(serviceId: serviceId, practitionerId: practitionerId, startsAt: startsAt.timeIntervalSince1970, seats: seats,
                            customer: customer, notes: notes)
        return Hex.encode(SHA256.hash(data: (try? encoder.encode(fields)) ?? Data()))
    }
}

/// A client's retry token and the fingerprint of the request it came with.
public struct IdempotencyKey: Sendable {
    public var key: String
    public var requestHash: String

    public init(key: String, requestHash: String) {
        self.key = key
        self.requestHash = requestHash
    }

    /// The key sent with `request`.
    public init(key: String, for request: NewBooking) {
        self.init(key: key, requestHash: request.fingerprint)
    }
}

/// Staff decisions on a booking.
public enum StaffDecision: String, Sendable, CaseIterable {
    case accept, decline, markPaid = "mark-paid", cancel, approve, reject
}
