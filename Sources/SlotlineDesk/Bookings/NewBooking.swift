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

/// A client's retry token and a hash of the request it came with.
public struct IdempotencyKey: Sendable {
    public var key: String
    public var requestHash: String

    public init(key: String, requestHash: String) {
        self.key = key
        self.requestHash = requestHash
    }
}

/// Staff decisions on a booking.
public enum StaffDecision: String, Sendable, CaseIterable {
    case accept, decline, markPaid = "mark-paid", cancel, approve, reject
}
