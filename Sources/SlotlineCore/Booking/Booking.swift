import Foundation

/// The person who booked; no account needed.
public struct Customer: Sendable, Equatable, Codable {
    public var name: String
    public var email: String
    public var phone: String
    public var language: Language
    public var timeZone: String

    public init(name: String, email: String, phone: String = "", language: Language = .en, timeZone: String) {
        self.name = name
        self.email = email
        self.phone = phone
        self.language = language
        self.timeZone = timeZone
    }

    public func validated() throws -> Customer {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty, trimmedName.count <= 200 else { throw SlotlineError.invalid("customer.name", "1–200 characters") }
        guard Self.looksLikeEmail(email) else { throw SlotlineError.invalid("customer.email") }
        guard phone.count <= 40 else { throw SlotlineError.invalid("customer.phone", "at most 40 characters") }
        guard TimeZone(identifier: timeZone) != nil else { throw SlotlineError(.invalidTimeZone, field: "customer.timeZone", detail: timeZone) }
        var copy = self
        copy.name = trimmedName
        copy.email = email.trimmingCharacters(in: .whitespaces)
        return copy
    }

    /// Judged after trimming, as `validated()` stores it: pasted addresses often carry spaces.
    public static func looksLikeEmail(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        return trimmed.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !trimmed.contains(" ")
    }
}

/// A change the customer asked for from the manage page, waiting for staff.
public struct ChangeRequest: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case reschedule, cancel }
    public var kind: Kind
    /// The new start time, for a reschedule.
    public var startsAt: Date?
    public var reason: String
    public var requestedAt: Date

    public init(kind: Kind, startsAt: Date? = nil, reason: String = "", requestedAt: Date) {
        self.kind = kind
        self.startsAt = startsAt
        self.reason = reason
        self.requestedAt = requestedAt
    }
}

/// One customer's seat(s) at one service, practitioner and time.
public struct Booking: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var serviceId: String
    public var practitionerId: String
    public var state: BookingState
    public var startsAt: Date
    public var endsAt: Date
    public var bufferBeforeMinutes: Int
    public var bufferAfterMinutes: Int
    public var seats: Int
    public var customer: Customer
    public var notes: String
    /// When an unpaid booking stops holding its slot.
    public var holdExpiresAt: Date?
    public var paidAt: Date?
    public var request: ChangeRequest?
    /// Grows on every change the customer is told about (the iCalendar SEQUENCE).
    public var sequence: Int
    /// The pool line its meeting takes, for a service whose link source is `pool`.
    public var lineId: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, serviceId: String, practitionerId: String, state: BookingState,
                startsAt: Date, endsAt: Date, bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0, seats: Int = 1,
                customer: Customer, notes: String = "", holdExpiresAt: Date? = nil, paidAt: Date? = nil,
                request: ChangeRequest? = nil, sequence: Int = 0, lineId: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.serviceId = serviceId
        self.practitionerId = practitionerId
        self.state = state
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.seats = seats
        self.customer = customer
        self.notes = notes
        self.holdExpiresAt = holdExpiresAt
        self.paidAt = paidAt
        self.request = request
        self.sequence = sequence
        self.lineId = lineId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The time this booking takes from its practitioner, for conflict checks.
    public var busyBlock: BusyBlock {
        BusyBlock(start: startsAt, end: endsAt, bufferBeforeMinutes: bufferBeforeMinutes,
                  bufferAfterMinutes: bufferAfterMinutes, serviceId: serviceId, seats: seats)
    }

    /// The booking number people quote (with a payment, on the phone): the last eight characters of
    /// the id, which are random, upper-cased, so it reads out unambiguously and is unique in practice.
    public var reference: String { String(id.filter { $0 != "-" }.suffix(8)).uppercased() }

    public var blockStart: Date { startsAt.addingTimeInterval(-Double(bufferBeforeMinutes) * 60) }
    public var blockEnd: Date { endsAt.addingTimeInterval(Double(bufferAfterMinutes) * 60) }
}
