import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// A booking's private meeting details as staff see them. Static sources fill `text`; provider
/// meetings fill the rest, the host link included.
public struct StaffMeetingDetails: Sendable, Encodable, Equatable {
    public let source: MeetingLinkSource
    public var text: String?
    public var provider: ProviderKind?
    public var state: Meeting.State?
    public var joinURL: String?
    public var meetingNumber: String?
    public var passcode: String?
    public var hostURL: String?
    public var lastError: String?
}

extension Desk {
    /// The private meeting details of a booking for `viewer`: released only once the booking is
    /// confirmed, shown only to those `MeetingAccess` allows; every view goes into the audit log.
    public func meetingDetails(of booking: Booking, service: Service, viewer: StaffUser) async throws -> StaffMeetingDetails? {
        guard MeetingAccess.detailsReleased(booking), MeetingAccess.staffMaySee(booking, viewer: viewer),
              let details = try await privateDetails(of: booking, service: service) else { return nil }
        try await store.audit.record(AuditEntry(workspaceId: booking.workspaceId, actorId: viewer.id, action: "meeting.details.viewed",
                                                subjectType: "booking", subjectId: booking.id, createdAt: store.time.now()))
        return details
    }

    private func privateDetails(of booking: Booking, service: Service) async throws -> StaffMeetingDetails? {
        switch service.meetingLinkSource {
        case .practitioner, .service:
            guard let practitioner = try await store.practitioners.find(id: booking.practitionerId, workspaceId: booking.workspaceId),
                  let text = MeetingAccess.staticText(service: service, practitioner: practitioner) else { return nil }
            return StaffMeetingDetails(source: service.meetingLinkSource, text: text)
        case .provider, .pool:
            guard service.online, let meeting = try await store.meetings.live(groupKey: Meeting.groupKey(for: booking, capacity: service.capacity),
                                                                             workspaceId: booking.workspaceId) else { return nil }
            let hostURL = try await store.meetings.sealedHostURL(meetingId: meeting.id).flatMap { try? settings.vault.open($0) }
            return StaffMeetingDetails(source: .provider, provider: meeting.provider, state: meeting.state, joinURL: meeting.joinURL,
                                       meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, hostURL: hostURL,
                                       lastError: meeting.lastError)
        case .none:
            return nil
        }
    }
}

extension Desk {
    /// What the customer's own page may show of the meeting: nothing unless the workspace lets the
    /// manage page show the join link, and then only once the booking is confirmed (the rule of
    /// messages: private details go with the confirmation).
    public func customerMeetingDetails(of booking: Booking, service: Service, practitioner: Practitioner,
                                       workspace: Workspace) async throws -> MeetingDetails? {
        guard workspace.manageShowsJoinLink, service.online, MeetingAccess.detailsReleased(booking) else { return nil }
        // A provider meeting still being made shows nothing yet; the email brings it.
        return try? await meetings.details(for: booking, service: service, practitioner: practitioner)
    }
}
