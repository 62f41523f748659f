import Foundation
import SlotlineCore
import SlotlineNotify

extension Desk {
    /// The booking as a calendar file the customer downloads from its pages: the same event (UID
    /// and sequence) as the invitations in its messages, with the public instructions and no join link.
    public func calendarFile(_ booking: Booking, service: Service, practitioner: Practitioner, workspace: Workspace,
                             manageToken: String) -> String {
        CalendarInvite(
            uid: "\(booking.id)@\(settings.domain)", sequence: booking.sequence, method: .publish,
            summary: "\(service.name) · \(practitioner.name)", description: service.online ? service.onlineInstructions : "",
            start: booking.startsAt, end: booking.endsAt, stamp: store.time.now(),
            organizer: .init(name: workspace.name, email: settings.mailFrom.address),
            attendee: .init(name: booking.customer.name, email: booking.customer.email),
            url: settings.manageURL(token: manageToken)
        ).render()
    }
}
