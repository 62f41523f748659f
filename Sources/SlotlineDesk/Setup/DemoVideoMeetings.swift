import Foundation
import SlotlineCore
import SlotlineStore

/// The demo's office side: two colleagues, a pool of sandbox lines (one in maintenance), conference
/// cards (one with its video meeting) and video meetings in every state, so "My video meetings" and the lines page can be clicked through at once.
struct DemoVideoMeetings: Sendable {
    let desk: Desk

    private var store: Store { desk.store }

    func seed(_ workspace: Workspace, owner: StaffUser, password: String) async throws {
        guard try await store.lines.list(workspaceId: workspace.id).isEmpty else { return }
        let sam = try await colleague("Sam Chen", email: "sam@demo.slotline.local", password: password, in: workspace)
        let lena = try await colleague("Lena Park", email: "lena@demo.slotline.local", password: password, in: workspace)
        for (label, capacity) in [("Sandbox room 1", 1), ("Sandbox room 2", 1), ("Sandbox webinar", 3)] {
            _ = try await desk.lines.add(LineChanges(provider: .sandbox, label: label, capacity: capacity), workspaceId: workspace.id)
        }
        _ = try await desk.lines.add(LineChanges(provider: .sandbox, label: "Sandbox room 3", state: .maintenance), workspaceId: workspace.id)

        let videos = desk.videoMeetings
        let now = store.time.now()
        let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        func at(daysFromToday days: Int, hour: Int) -> Date {
            let clock = WallClock(zone)
            let date = WallClock.date(fromDays: WallClock.days(from: clock.localDate(of: now)) + days)
            return clock.instant(date, LocalTime(minutes: hour * 60)!) ?? now
        }
        _ = try await videos.create(VideoMeetingDraft(title: "Morning stand-up", startsAt: now, durationMinutes: 30, hostStaffId: owner.id,
                                                      participants: [Participant(staffId: sam.id)]), source: .quick, by: owner)
        _ = try await videos.create(VideoMeetingDraft(title: "Weekly planning", agenda: "1. Last week\n2. Bookings outlook\n3. Next steps",
                                                      startsAt: at(daysFromToday: 1, hour: 10), durationMinutes: 60, hostStaffId: owner.id,
                                                      participants: [Participant(staffId: sam.id), Participant(staffId: lena.id),
                                                                     Participant(email: "advisor@example.com")]), source: .scheduled, by: owner)
        _ = try await videos.create(VideoMeetingDraft(title: "Client demo rehearsal", startsAt: at(daysFromToday: 3, hour: 14), durationMinutes: 45,
                                                      hostStaffId: sam.id, participants: [Participant(staffId: owner.id)]), source: .scheduled, by: sam)
        let dropped = try await videos.create(VideoMeetingDraft(title: "Budget check", startsAt: at(daysFromToday: 1, hour: 15), durationMinutes: 30,
                                                                hostStaffId: owner.id), source: .scheduled, by: owner)
        _ = try await videos.cancel(id: dropped.id, by: owner)
        let planning = try await desk.conferences.create(ConferenceDraft(
            topic: "Quarterly planning", startsAt: at(daysFromToday: 2, hour: 9), durationMinutes: 120, place: "Meeting room 3F",
            convenerStaffId: owner.id, contactStaffId: lena.id,
            attendees: [Participant(staffId: sam.id), Participant(email: "advisor@example.com")]), by: owner)
        _ = try await desk.conferences.launchVideoMeeting(conferenceId: planning.id, by: owner)
        _ = try await desk.conferences.create(ConferenceDraft(
            topic: "Studio open day briefing", startsAt: at(daysFromToday: 5, hour: 15), durationMinutes: 60, place: "Front desk",
            convenerStaffId: sam.id, contactStaffId: sam.id, attendees: [Participant(staffId: lena.id)]), by: sam)
        // Meetings already over are history: written as they would have been left.
        let lines = try await store.lines.list(workspaceId: workspace.id)
        for (title, start, minutes, endedEarly) in [("Retrospective", at(daysFromToday: -1, hour: 16), 60, false),
                                                    ("Design review", now.addingTimeInterval(-3 * 3600), 60, true)] {
            var meeting = VideoMeeting(id: Secrets.newID(), workspaceId: workspace.id, lineId: lines[1].id, title: title, hostStaffId: owner.id,
                                       createdByStaffId: owner.id, source: .scheduled, startsAt: start,
                                       endsAt: start.addingTimeInterval(Double(minutes) * 60), participants: [Participant(staffId: lena.id)],
                                       createdAt: start, updatedAt: start)
            if endedEarly {
                meeting.recorded = .endedManually
                meeting.endedAt = start.addingTimeInterval(35 * 60)
            }
            try await store.videoMeetings.insert(meeting)
        }
    }

    private func colleague(_ name: String, email: String, password: String, in workspace: Workspace) async throws -> StaffUser {
        if let (existing, _) = try await store.staff.credentials(workspaceId: workspace.id, email: email) { return existing }
        let user = StaffUser(id: Secrets.newID(), workspaceId: workspace.id, email: email, name: name, role: .staff)
        try await store.staff.create(user, passwordHash: try await Passwords.hash(password), now: store.time.now())
        return user
    }
}
