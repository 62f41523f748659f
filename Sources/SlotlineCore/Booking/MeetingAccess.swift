/// Who sees which meeting details of a booking (SPEC §2, privacy).
public enum MeetingAccess {
    /// The private static meeting text a booking uses, if its service takes one.
    public static func staticText(service: Service, practitioner: Practitioner) -> String? {
        guard service.online else { return nil }
        let text: String
        switch service.meetingLinkSource {
        case .practitioner: text = practitioner.meetingText
        case .service: text = service.meetingText
        case .provider, .pool, .none: return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }

    /// Private details exist for a booking only once it is confirmed (and so paid, when payment is required).
    public static func detailsReleased(_ booking: Booking) -> Bool {
        booking.state == .confirmed
    }

    /// Owners, admins and the booking's own practitioner see private details in the back office.
    public static func staffMaySee(_ booking: Booking, viewer: StaffUser) -> Bool {
        guard viewer.workspaceId == booking.workspaceId else { return false }
        return viewer.role.canConfigure || viewer.practitionerId == booking.practitionerId
    }
}

import Foundation
