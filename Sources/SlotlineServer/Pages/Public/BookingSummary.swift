import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// One booking as its customer sees it, on the result page and the manage page: the public
/// online instructions only, never the private meeting details.
struct BookingSummary {
    let booking: Booking
    let service: Service
    let practitioner: Practitioner
    let workspace: Workspace
    let manageToken: String
    /// The join link and meeting text, where the workspace lets this page show them.
    var meeting: MeetingDetails?
    /// What the customer was told about this booking, newest first: the answers to earlier requests among them.
    var told: [OutboxMessage] = []

    static func load(_ booking: Booking, manageToken: String, store: Store, desk: Desk? = nil,
                     withHistory: Bool = false) async throws -> BookingSummary {
        guard let service = try await store.services.find(id: booking.serviceId, workspaceId: booking.workspaceId),
              let practitioner = try await store.practitioners.find(id: booking.practitionerId, workspaceId: booking.workspaceId),
              let workspace = try await store.workspaces.find(id: booking.workspaceId) else {
            throw SlotlineError.notFound("booking")
        }
        let meeting = try await desk?.customerMeetingDetails(of: booking, service: service, practitioner: practitioner, workspace: workspace)
        let told = !withHistory ? [] : try await store.outbox.list(workspaceId: booking.workspaceId, bookingId: booking.id, limit: 50, offset: 0)
            .filter { $0.recipientEmail.lowercased() == booking.customer.email.lowercased() && !($0.kind.hasPrefix("staff-")) }
        return BookingSummary(booking: booking, service: service, practitioner: practitioner, workspace: workspace, manageToken: manageToken,
                              meeting: meeting, told: told)
    }

    struct Page {
        let reference: String
        let serviceName: String
        let practitionerName: String
        let studioName: String
        let when: String
        let state: String
        let stateClass: String
        let next: String
        let paymentInstructions: String?
        let price: String?
        let onlineInstructions: String?
        let joinURL: String?
        let meetingText: String?
        let inPerson: Bool
        let request: String?
        let history: [Event]
        let hasHistory: Bool
        let canChange: Bool
        let manageHref: String
        let calendarHref: String?
        let rescheduleHref: String
        let cancelHref: String
        let bookAgainHref: String
    }

    struct Event {
        let when: String
        let what: String
    }

    func page(words: Words) -> Page {
        let time = MessageTime(language: words.language, timeZoneIdentifier: booking.customer.timeZone)
        let next: String = switch booking.state {
        case .confirmed: words["page.next.confirmed", with: ["email": booking.customer.email]]
        case .pending: words["page.next.pending", with: ["email": booking.customer.email]]
        case .awaitingPayment: words["page.next.awaitingPayment", with: ["expiry": booking.holdExpiresAt.map(time.instant) ?? ""]]
        case .cancelled: words["page.next.cancelled"]
        case .declined: words["page.next.declined"]
        case .expired: words["page.next.expired"]
        }
        let manage = "/manage/\(manageToken)"
        return Page(
            reference: booking.reference, serviceName: service.name, practitionerName: practitioner.name, studioName: workspace.name,
            when: time.range(booking.startsAt, booking.endsAt), state: words.state(booking.state),
            stateClass: booking.state.rawValue, next: next,
            paymentInstructions: booking.state == .awaitingPayment && !workspace.paymentInstructions.isEmpty ? workspace.paymentInstructions : nil,
            price: service.priceText.isEmpty ? nil : service.priceText,
            onlineInstructions: service.online && !service.onlineInstructions.isEmpty ? service.onlineInstructions : nil,
            joinURL: meeting.flatMap { $0.joinURL.isEmpty ? nil : $0.joinURL },
            meetingText: meeting.flatMap { $0.text.isEmpty ? nil : $0.text },
            inPerson: !service.online,
            request: booking.request.map { words["page.manage.request_waiting", with: ["request": words.request($0.kind)]] },
            history: told.map { Event(when: time.instant($0.createdAt), what: $0.subject) },
            hasHistory: !told.isEmpty,
            canChange: booking.request == nil && booking.state.holdsSlot,
            manageHref: manage,
            calendarHref: booking.state.holdsSlot ? manage + "/booking.ics" : nil,
            rescheduleHref: manage + "/reschedule?tz=" + Pages.query(booking.customer.timeZone),
            cancelHref: manage + "/cancel",
            bookAgainHref: "/w/\(workspace.slug)")
    }
}
