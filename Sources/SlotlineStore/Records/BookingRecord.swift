import Foundation
import SlotlineCore

struct BookingRecord: Codable, Sendable {
    static let table = "bookings"
    var id: String
    var workspaceId: String
    var serviceId: String
    var practitionerId: String
    var state: String
    var startsAt: Int64
    var endsAt: Int64
    var blockStart: Int64
    var blockEnd: Int64
    var bufferBeforeMinutes: Int
    var bufferAfterMinutes: Int
    var seats: Int
    var customerName: String
    var customerEmail: String
    var customerPhone: String
    var customerLanguage: String
    var customerTimeZone: String
    var notes: String
    var holdExpiresAt: Int64?
    var paidAt: Int64?
    var requestKind: String?
    var requestStartsAt: Int64?
    var requestReason: String?
    var requestedAt: Int64?
    var sequence: Int
    var manageTokenHash: String
    var createdAt: Int64
    var updatedAt: Int64

    init(_ booking: Booking, manageTokenHash: String) {
        id = booking.id
        workspaceId = booking.workspaceId
        serviceId = booking.serviceId
        practitionerId = booking.practitionerId
        state = booking.state.rawValue
        startsAt = booking.startsAt.unixSeconds
        endsAt = booking.endsAt.unixSeconds
        blockStart = booking.blockStart.unixSeconds
        blockEnd = booking.blockEnd.unixSeconds
        bufferBeforeMinutes = booking.bufferBeforeMinutes
        bufferAfterMinutes = booking.bufferAfterMinutes
        seats = booking.seats
        customerName = booking.customer.name
        customerEmail = booking.customer.email
        customerPhone = booking.customer.phone
        customerLanguage = booking.customer.language.rawValue
        customerTimeZone = booking.customer.timeZone
        notes = booking.notes
        holdExpiresAt = booking.holdExpiresAt?.unixSeconds
        paidAt = booking.paidAt?.unixSeconds
        requestKind = booking.request?.kind.rawValue
        requestStartsAt = booking.request?.startsAt?.unixSeconds
        requestReason = booking.request?.reason
        requestedAt = booking.request?.requestedAt.unixSeconds
        sequence = booking.sequence
        self.manageTokenHash = manageTokenHash
        createdAt = booking.createdAt.unixSeconds
        updatedAt = booking.updatedAt.unixSeconds
    }

    var model: Booking {
        let request = requestKind.flatMap(ChangeRequest.Kind.init(rawValue:)).map { kind in
            ChangeRequest(kind: kind, startsAt: requestStartsAt.map(Date.init(unixSeconds:)), reason: requestReason ?? "",
                          requestedAt: Date(unixSeconds: requestedAt ?? updatedAt))
        }
        return Booking(
            id: id, workspaceId: workspaceId, serviceId: serviceId, practitionerId: practitionerId,
            state: BookingState(rawValue: state) ?? .cancelled,
            startsAt: Date(unixSeconds: startsAt), endsAt: Date(unixSeconds: endsAt),
            bufferBeforeMinutes: bufferBeforeMinutes, bufferAfterMinutes: bufferAfterMinutes, seats: seats,
            customer: Customer(name: customerName, email: customerEmail, phone: customerPhone,
                               language: Language(rawValue: customerLanguage) ?? .en, timeZone: customerTimeZone),
            notes: notes, holdExpiresAt: holdExpiresAt.map(Date.init(unixSeconds:)), paidAt: paidAt.map(Date.init(unixSeconds:)),
            request: request, sequence: sequence,
            createdAt: Date(unixSeconds: createdAt), updatedAt: Date(unixSeconds: updatedAt))
    }
}
