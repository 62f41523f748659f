import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk

struct CustomerView: Encodable {
    let name: String
    let email: String
    let phone: String
    let language: Language
    let timeZone: String

    init(_ customer: Customer) {
        name = customer.name
        email = customer.email
        phone = customer.phone
        language = customer.language
        timeZone = customer.timeZone
    }
}

struct ChangeRequestView: Encodable {
    let kind: ChangeRequest.Kind
    let startsAt: String?
    let reason: String
    let requestedAt: String

    init(_ request: ChangeRequest, zone: TimeZone) {
        kind = request.kind
        startsAt = request.startsAt.map { RFC3339.format($0, in: zone) }
        reason = request.reason
        requestedAt = RFC3339.format(request.requestedAt, in: zone)
    }
}

/// One change in a booking's history.
struct BookingChangeView: Encodable {
    let events: [BookingEvent]
    let state: BookingState
    let startsAt: String
    let previousStartsAt: String?
    let actor: BookingChange.Actor
    let staffId: String?
    let note: String
    let occurredAt: String

    init(_ change: BookingChange, zone: TimeZone) {
        events = change.events
        state = change.state
        startsAt = RFC3339.format(change.startsAt, in: zone)
        previousStartsAt = change.previousStartsAt.map { RFC3339.format($0, in: zone) }
        actor = change.actor
        staffId = change.staffId
        note = change.note
        occurredAt = RFC3339.format(change.occurredAt, in: zone)
    }
}

/// The back-office view of a booking.
struct StaffBookingView: ResponseEncodable {
    let id: String
    /// The booking number people quote (`Booking.reference`).
    let reference: String
    let state: BookingState
    let serviceId: String
    let practitionerId: String
    let startsAt: String
    let endsAt: String
    let seats: Int
    let customer: CustomerView
    let notes: String
    let holdExpiresAt: String?
    let paidAt: String?
    let request: ChangeRequestView?
    let sequence: Int
    let onlineInstructions: String
    /// Nil until confirmed, and for staff who may not see it.
    let meeting: StaffMeetingDetails?
    let createdAt: String
    let updatedAt: String

    init(_ booking: Booking, service: Service?, meeting: StaffMeetingDetails?, zone: TimeZone) {
        func time(_ date: Date) -> String { RFC3339.format(date, in: zone) }
        id = booking.id
        reference = booking.reference
        state = booking.state
        serviceId = booking.serviceId
        practitionerId = booking.practitionerId
        startsAt = time(booking.startsAt)
        endsAt = time(booking.endsAt)
        seats = booking.seats
        customer = CustomerView(booking.customer)
        notes = booking.notes
        holdExpiresAt = booking.holdExpiresAt.map(time)
        paidAt = booking.paidAt.map(time)
        request = booking.request.map { ChangeRequestView($0, zone: zone) }
        sequence = booking.sequence
        onlineInstructions = service?.onlineInstructions ?? ""
        self.meeting = meeting
        createdAt = time(booking.createdAt)
        updatedAt = time(booking.updatedAt)
    }
}

/// What the customer sees on the booking and manage pages: public instructions, never the private link.
struct PublicBookingView: ResponseEncodable {
    struct Named: Encodable {
        let id: String
        let name: String
    }
    let id: String
    /// The booking number the customer quotes (with a payment, on the phone).
    let reference: String
    let state: BookingState
    let service: Named
    let practitioner: Named
    let startsAt: String
    let endsAt: String
    let timeZone: String
    let seats: Int
    let customer: CustomerView
    let holdExpiresAt: String?
    let paymentInstructions: String?
    let onlineInstructions: String
    let request: ChangeRequestView?
    /// Present only in the answer to the submission: the customer's key to the manage page.
    let manageToken: String?

    init(_ booking: Booking, service: Service, practitioner: Practitioner, workspace: Workspace, manageToken: String? = nil) {
        let zone = TimeZone(identifier: booking.customer.timeZone) ?? TimeZone(identifier: "UTC")!
        func time(_ date: Date) -> String { RFC3339.format(date, in: zone) }
        id = booking.id
        reference = booking.reference
        state = booking.state
        self.service = Named(id: service.id, name: service.name)
        self.practitioner = Named(id: practitioner.id, name: practitioner.name)
        startsAt = time(booking.startsAt)
        endsAt = time(booking.endsAt)
        timeZone = TimeZone(identifier: booking.customer.timeZone) == nil ? "UTC" : booking.customer.timeZone
        seats = booking.seats
        customer = CustomerView(booking.customer)
        holdExpiresAt = booking.holdExpiresAt.map(time)
        paymentInstructions = booking.state == .awaitingPayment ? workspace.paymentInstructions : nil
        onlineInstructions = service.online ? service.onlineInstructions : ""
        request = booking.request.map { ChangeRequestView($0, zone: zone) }
        self.manageToken = manageToken
    }
}
