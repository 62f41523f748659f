import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Links bookings to their meetings: asks for, moves and releases the meeting of a booking whose
/// service takes its link from the provider, and reads the details messages and staff see.
struct BookingMeetings: MeetingDetailsSource {
    let store: Store

    /// Raised while a confirmed booking's meeting is still being created: the message waits for it.
    struct NotReady: JobWait, CustomStringConvertible {
        var description: String { "the booking's meeting is not created yet" }
    }

    /// Brings the meeting wishes in line with the booking after `happened`.
    func reconcile(_ happened: BookingEvents, facts: BookingMessages.Facts) async throws {
        let service = facts.service
        guard service.online, [.provider, .pool].contains(service.meetingLinkSource) else { return }
        let booking = facts.booking
        let key = Meeting.groupKey(for: booking, capacity: service.capacity)
        if booking.state == .confirmed {
            try await want(key, facts: facts)
        } else {
            try await releaseIfUnused(key, booking: booking, service: service, startsAt: booking.startsAt)
        }
        // A seat that moved leaves its old session time; that time's meeting may now be unused.
        if service.capacity > 1, let previous = happened.previousStartsAt {
            var old = booking
            old.startsAt = previous
            try await releaseIfUnused(Meeting.groupKey(for: old, capacity: service.capacity), booking: booking, service: service,
                                      startsAt: previous)
        }
    }

    func details(for booking: Booking, service: Service, practitioner: Practitioner) async throws -> MeetingDetails? {
        switch service.meetingLinkSource {
        case .practitioner, .service:
            return try await StaticMeetingDetails().details(for: booking, service: service, practitioner: practitioner)
        case .provider, .pool:
            guard service.online else { return nil }
            let key = Meeting.groupKey(for: booking, capacity: service.capacity)
            guard let meeting = try await store.meetings.live(groupKey: key, workspaceId: booking.workspaceId) else { return nil }
            if let join = meeting.joinURL {
                return MeetingDetails(joinURL: join, meetingNumber: meeting.meetingNumber ?? "", passcode: meeting.passcode ?? "")
            }
            // A parked meeting sends the message without details; staff were told and can fix the connection.
            guard meeting.state != .failed else { return nil }
            throw NotReady()
        case .none:
            return nil
        }
    }

    /// After a practitioner's tool became usable (connected, or chosen as the default): the confirmed
    /// bookings still ahead that got no meeting for want of one get it now, and their customers the
    /// link in the meeting-ready message. The parked job that waited for the tool is settled.
    func wantWaiting(practitionerId: String, workspaceId: String) async throws {
        guard try await store.connections.defaultProvider(practitionerId: practitionerId) != nil else { return }
        for facts in try await waiting(practitionerId: practitionerId, workspaceId: workspaceId) {
            try await want(Meeting.groupKey(for: facts.booking, capacity: facts.service.capacity), facts: facts, linkWithheld: true)
        }
        try await store.jobs.settleFailed(.meetingToolWanted, subject: JobSubject.practitioner(practitionerId))
    }

    /// The practitioner's confirmed bookings still ahead whose service takes its meeting from the
    /// provider and that have no meeting, soonest first.
    func waiting(practitionerId: String, workspaceId: String) async throws -> [BookingMessages.Facts] {
        guard let practitioner = try await store.practitioners.find(id: practitionerId, workspaceId: workspaceId),
              let workspace = try await store.workspaces.find(id: workspaceId) else { return [] }
        let ahead = try await store.bookings.list(workspaceId: workspaceId, tab: .upcoming, now: store.time.now(), limit: 10_000, offset: 0,
                                                  filter: BookingFilter(practitionerId: practitionerId))
        var services: [String: Service] = [:]
        var waiting: [BookingMessages.Facts] = []
        for booking in ahead {  // the upcoming tab holds confirmed bookings only
            if services[booking.serviceId] == nil {
                services[booking.serviceId] = try await store.services.find(id: booking.serviceId, workspaceId: workspaceId)
            }
            guard let service = services[booking.serviceId], service.online, service.meetingLinkSource == .provider else { continue }
            guard try await store.meetings.live(groupKey: Meeting.groupKey(for: booking, capacity: service.capacity),
                                                workspaceId: workspaceId) == nil else { continue }
            waiting.append(BookingMessages.Facts(booking: booking, service: service, practitioner: practitioner, workspace: workspace))
        }
        return waiting
    }

    private func want(_ key: String, facts: BookingMessages.Facts, linkWithheld: Bool = false) async throws {
        let practitioner = facts.practitioner
        if facts.service.takesPoolLine {
            // On the line the booking took when it was placed.
            guard let lineId = facts.booking.lineId, let line = try await store.lines.find(id: lineId, workspaceId: facts.booking.workspaceId) else {
                return
            }
            try await MeetingWishes(store: store).want(
                MeetingWishes.Wish(groupKey: key, provider: line.provider, connectionId: line.connectionId, lineId: line.id,
                                   topic: "\(facts.service.name) · \(practitioner.name)", startsAt: facts.booking.startsAt,
                                   durationMinutes: facts.service.durationMinutes, timeZone: practitioner.timeZone),
                workspaceId: facts.booking.workspaceId)
            return
        }
        guard let provider = try await store.connections.defaultProvider(practitionerId: practitioner.id) else {
            // No tool to make it on: a job waits for one where staff see it (the failed jobs), and tells them.
            let subject = JobSubject.practitioner(practitioner.id)
            guard try await !store.jobs.isOpen(.meetingToolWanted, subject: subject) else { return }
            try await store.jobs.enqueue(MeetingToolWanted(practitionerId: practitioner.id, workspaceId: facts.booking.workspaceId),
                                         workspaceId: facts.booking.workspaceId, subject: subject)
            return
        }
        let connection = try await store.connections.live(practitionerId: practitioner.id, provider: provider)
        try await MeetingWishes(store: store).want(
            MeetingWishes.Wish(groupKey: key, provider: provider, connectionId: connection?.id,
                          topic: "\(facts.service.name) · \(practitioner.name)", startsAt: facts.booking.startsAt,
                          durationMinutes: facts.service.durationMinutes, timeZone: practitioner.timeZone, linkWithheld: linkWithheld),
            workspaceId: facts.booking.workspaceId)
    }

    private func releaseIfUnused(_ key: String, booking: Booking, service: Service, startsAt: Date) async throws {
        if service.capacity > 1 {
            let seats = try await store.bookings.confirmedSeats(serviceId: service.id, practitionerId: booking.practitionerId,
                                                                 startsAt: startsAt, workspaceId: booking.workspaceId)
            guard seats == 0 else { return }
        }
        try await MeetingWishes(store: store).release(groupKey: key, workspaceId: booking.workspaceId)
    }
}
