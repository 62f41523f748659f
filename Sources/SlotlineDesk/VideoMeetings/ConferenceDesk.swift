import Foundation
import SlotlineCore
import SlotlineStore

/// Conference cards and the video meetings launched from them.
public struct ConferenceDesk: Sendable {
    let store: Store
    let videoMeetings: VideoMeetingDesk

    public func create(_ draft: ConferenceDraft, by creator: StaffUser) async throws -> Conference {
        let draft = try draft.checked()
        let members = Set(try await store.staff.list(workspaceId: creator.workspaceId).filter(\.active).map(\.id))
        for (field, id) in [("convenerStaffId", draft.convenerStaffId), ("contactStaffId", draft.contactStaffId)] where !members.contains(id) {
            throw SlotlineError.notFound(field)
        }
        if !Set(draft.attendees.compactMap(\.staffId)).isSubset(of: members) { throw SlotlineError.notFound("attendees") }
        let now = store.time.now()
        let conference = Conference(id: Secrets.newID(), workspaceId: creator.workspaceId, topic: draft.topic, startsAt: draft.startsAt,
                                    endsAt: draft.startsAt.addingTimeInterval(Double(draft.durationMinutes) * 60), place: draft.place,
                                    creatorStaffId: creator.id, convenerStaffId: draft.convenerStaffId, contactStaffId: draft.contactStaffId,
                                    attendees: draft.attendees, createdAt: now, updatedAt: now)
        try await store.conferences.insert(conference)
        return conference
    }

    public func find(id: String, viewer: StaffUser) async throws -> Conference {
        guard let conference = try await store.conferences.find(id: id, workspaceId: viewer.workspaceId) else {
            throw SlotlineError.notFound("conference")
        }
        return conference
    }

    public func list(viewer: StaffUser, upcoming: Bool, limit: Int, offset: Int) async throws -> [Conference] {
        try await store.conferences.list(workspaceId: viewer.workspaceId, upcoming: upcoming, now: store.time.now(), limit: limit, offset: offset)
    }

    /// The video meetings launched from the card, newest first.
    public func videoMeetings(of conference: Conference) async throws -> [VideoMeeting] {
        try await store.videoMeetings.find(source: .conference(id: conference.id), workspaceId: conference.workspaceId)
    }

    /// A video meeting for the card, by its creator, convener or contact: hosted by whoever launches
    /// it, over the conference's time (from now when it has begun), on a free line; its related link
    /// is the card and its invitees the attendees, convener and contact.
    public func launchVideoMeeting(conferenceId: String, by launcher: StaffUser) async throws -> VideoMeeting {
        let conference = try await find(id: conferenceId, viewer: launcher)
        guard conference.mayLaunchVideoMeeting(staffId: launcher.id) else { throw SlotlineError(.forbidden, field: "conference") }
        let now = store.time.now()
        guard conference.endsAt > now else { throw SlotlineError(.invalidState, field: "conference", detail: "ended") }
        let start = max(conference.startsAt, now)
        let minutes = max(1, Int((conference.endsAt.timeIntervalSince(start) / 60).rounded(.up)))
        let draft = VideoMeetingDraft(title: conference.topic, agenda: conference.place, startsAt: start, durationMinutes: minutes,
                                      hostStaffId: launcher.id, participants: conference.invitees(host: launcher.id))
        return try await videoMeetings.create(draft, source: .conference(id: conference.id), by: launcher)
    }
}
