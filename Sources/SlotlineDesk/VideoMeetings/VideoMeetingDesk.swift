import Foundation
import SlotlineCore
import SlotlineStore

/// Staff's own video meetings on the workspace pool: each takes a line in the transaction that
/// creates or moves it (the pool's lines locked, so two creations never take the last room twice),
/// and its provider meeting is made, moved, ended and deleted by jobs enqueued in that transaction.
public struct VideoMeetingDesk: Sendable {
    let store: Store
    let settings: ServerSettings

    /// A scheduled meeting may start this much in the past (the form took a moment to fill in).
    static let startGrace: TimeInterval = 300

    private var time: TimeSource { store.time }
    private var limits: DurationLimits { settings.meetingDurationLimits }
    private var allocator: LineAllocator { LineAllocator(limits: limits) }

    /// Creates a meeting on the first line with room over its whole time, or refuses with
    /// `no_free_line` and the nearest starts at which a line has room.
    public func create(_ draft: VideoMeetingDraft, source: VideoMeeting.Source, by creator: StaffUser) async throws -> VideoMeeting {
        let now = time.now()
        // One connection per creation, inside the transaction: on SQLite concurrent creations wait
        // for the writer in turn instead of also queueing for reading connections.
        return try await store.write { tx in
            let draft = try await checked(draft, workspaceId: creator.workspaceId, now: now, in: tx)
            try await tx.lines.lockPool(workspaceId: creator.workspaceId)
            let room = try await choose(for: draft, workspaceId: creator.workspaceId, now: now, in: tx)
            guard let line = try await tx.lines.find(id: room.lineId, workspaceId: creator.workspaceId) else { throw SlotlineError.notFound("line") }
            let meeting = VideoMeeting(id: Secrets.newID(), workspaceId: creator.workspaceId, lineId: line.id, title: draft.title,
                                       agenda: draft.agenda, hostStaffId: draft.hostStaffId, createdByStaffId: creator.id, source: source,
                                       startsAt: draft.startsAt, endsAt: draft.endsAt, participants: draft.participants,
                                       createdAt: now, updatedAt: now)
            try await tx.videoMeetings.insert(meeting)
            try await wantProviderMeeting(for: meeting, on: line, in: tx)
            try await tell(meeting.participants, .invitation, about: meeting, in: tx)
            return meeting
        }
    }

    /// Changes a meeting that has not started. A new time is checked against its own line (the
    /// provider meeting stays on the account it was made on) and refused if the line has no room.
    public func edit(id: String, _ draft: VideoMeetingDraft, by editor: StaffUser) async throws -> VideoMeeting {
        let now = time.now()
        return try await store.write { tx in
            let draft = try await checked(draft, workspaceId: editor.workspaceId, now: now, in: tx)
            try await tx.lines.lockPool(workspaceId: editor.workspaceId)
            var meeting = try await changeable(id: id, by: editor, in: tx)
            guard meeting.state(at: now) == .notStarted else { throw SlotlineError(.invalidState, detail: meeting.state(at: now).rawValue) }
            guard let line = try await tx.lines.find(id: meeting.lineId, workspaceId: editor.workspaceId) else { throw SlotlineError.notFound("line") }
            guard draft.durationMinutes <= limits.minutes(for: line.provider) else { throw SlotlineError.invalid("duration") }
            if draft.startsAt != meeting.startsAt || draft.endsAt != meeting.endsAt {
                _ = try await allocator.line(among: [line.room], from: draft.startsAt, to: draft.endsAt, now: now,
                                             excluding: LineAllocator.Excluding(meetingId: meeting.id), in: tx)
            }
            let before = meeting
            meeting.title = draft.title
            meeting.agenda = draft.agenda
            meeting.hostStaffId = draft.hostStaffId
            meeting.participants = draft.participants
            meeting.startsAt = draft.startsAt
            meeting.endsAt = draft.endsAt
            meeting.updatedAt = now
            try await tx.videoMeetings.update(meeting)
            try await wantProviderMeeting(for: meeting, on: line, in: tx)
            // Those still invited hear of a new time or title; new ones are invited, removed ones told it is off for them.
            let kept = meeting.participants.filter(before.participants.contains)
            if before.startsAt != meeting.startsAt || before.endsAt != meeting.endsAt || before.title != meeting.title {
                try await tell(kept, .updated, about: meeting, in: tx)
            }
            try await tell(meeting.participants.filter { !before.participants.contains($0) }, .invitation, about: meeting, in: tx)
            try await tell(before.participants.filter { !meeting.participants.contains($0) }, .cancelled, about: meeting, in: tx)
            return meeting
        }
    }

    /// Adds people to a meeting that has not ended; returns it with them.
    public func invite(id: String, _ participants: [Participant], by inviter: StaffUser) async throws -> VideoMeeting {
        let now = time.now()
        return try await store.write { tx in
            var meeting = try await visible(id: id, to: inviter, in: tx)
            let draft = try await checked(VideoMeetingDraft(title: meeting.title, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes,
                                                            hostStaffId: meeting.hostStaffId, participants: meeting.participants + participants),
                                          workspaceId: inviter.workspaceId, now: nil, in: tx)
            guard [.notStarted, .inProgress].contains(meeting.state(at: now)) else {
                throw SlotlineError(.invalidState, detail: meeting.state(at: now).rawValue)
            }
            let added = draft.participants.filter { !meeting.participants.contains($0) }
            meeting.participants += added
            meeting.updatedAt = now
            try await tx.videoMeetings.update(meeting)
            try await tell(added, .invitation, about: meeting, in: tx)
            return meeting
        }
    }

    /// Cancels a meeting that has not started: its line is free at once, the provider deletes it.
    public func cancel(id: String, by staff: StaffUser) async throws -> VideoMeeting {
        try await close(id: id, by: staff, from: .notStarted, to: .cancelled)
    }

    /// Ends a meeting in progress: its line is free from now, and the provider ends it.
    public func end(id: String, by staff: StaffUser) async throws -> VideoMeeting {
        try await close(id: id, by: staff, from: .inProgress, to: .endedManually)
    }

    public func find(id: String, viewer: StaffUser) async throws -> VideoMeeting {
        try await store.read { repositories in try await visible(id: id, to: viewer, in: repositories) }
    }

    /// A page of meetings: the viewer's own (host, creator, invited), or the whole workspace's for
    /// an admin who asks for it.
    public func list(viewer: StaffUser, everyone: Bool, view: VideoMeetings.View, state: VideoMeeting.State?, limit: Int,
                     offset: Int) async throws -> [VideoMeeting] {
        let everyone = everyone && viewer.role.canConfigure
        return try await store.videoMeetings.list(workspaceId: viewer.workspaceId, involving: everyone ? nil : viewer.id, view: view,
                                                  state: state, now: time.now(), limit: limit, offset: offset)
    }

    // MARK: - Rules

    private func checked(_ draft: VideoMeetingDraft, workspaceId: String, now: Date?, in tx: Repositories) async throws -> VideoMeetingDraft {
        let draft = try draft.checked(longestMinutes: limits.longestMinutes)
        if let now, draft.startsAt < now.addingTimeInterval(-Self.startGrace) { throw SlotlineError.invalid("startsAt", "in the past") }
        let staffIds = Set([draft.hostStaffId] + draft.participants.compactMap(\.staffId))
        let members = Set(try await tx.staff.list(workspaceId: workspaceId).filter(\.active).map(\.id))
        if !members.contains(draft.hostStaffId) { throw SlotlineError.notFound("hostStaffId") }
        if !staffIds.isSubset(of: members) { throw SlotlineError.notFound("participants") }
        return draft
    }

    /// The line a meeting would take now, without taking it: the allocation alone (pool read, holds
    /// read, plan), as `create` runs it under the pool's lock.
    public func availableLine(for draft: VideoMeetingDraft, workspaceId: String) async throws -> LinePlan.Room {
        let now = time.now()
        return try await store.read { read in try await choose(for: draft, workspaceId: workspaceId, now: now, in: read) }
    }

    /// The enabled lines whose provider takes the draft's duration, and the first of them with room.
    private func choose(for draft: VideoMeetingDraft, workspaceId: String, now: Date, in tx: Repositories) async throws -> LinePlan.Room {
        let lines = try await allocator.eligibleLines(workspaceId: workspaceId, minutes: draft.durationMinutes, in: tx)
        return try await allocator.line(among: lines, from: draft.startsAt, to: draft.endsAt, now: now, in: tx)
    }

    private func close(id: String, by staff: StaffUser, from expected: VideoMeeting.State,
                       to final: VideoMeeting.State) async throws -> VideoMeeting {
        let now = time.now()
        return try await store.write { tx in
            var meeting = try await changeable(id: id, by: staff, in: tx)
            let state = meeting.state(at: now)
            guard state == expected else { throw SlotlineError(.invalidState, detail: state.rawValue) }
            meeting.recorded = final
            if final == .endedManually { meeting.endedAt = now }
            meeting.updatedAt = now
            try await tx.videoMeetings.update(meeting)
            if final == .endedManually, let provided = try await tx.meetings.live(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId) {
                try await tx.jobs.enqueue(MeetingEnd(meetingId: provided.id), workspaceId: meeting.workspaceId,
                                          subject: JobSubject.meeting(provided.id), maxAttempts: MeetingWishes.syncAttempts)
            } else {
                try await MeetingWishes(store: store).release(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId, in: tx)
            }
            if final == .cancelled { try await tell(meeting.participants, .cancelled, about: meeting, in: tx) }
            return meeting
        }
    }

    /// The meeting if `staff` may see it: they are involved, or they administer the workspace.
    private func visible(id: String, to staff: StaffUser, in tx: Repositories) async throws -> VideoMeeting {
        guard let meeting = try await tx.videoMeetings.find(id: id, workspaceId: staff.workspaceId),
              meeting.involves(staffId: staff.id) || staff.role.canConfigure else { throw SlotlineError.notFound("videoMeeting") }
        return meeting
    }

    /// The meeting if `staff` may change it: its host, its creator, or an admin.
    private func changeable(id: String, by staff: StaffUser, in tx: Repositories) async throws -> VideoMeeting {
        let meeting = try await visible(id: id, to: staff, in: tx)
        guard VideoMeetingAccess.mayManage(meeting, staff: staff) else { throw SlotlineError(.forbidden) }
        return meeting
    }

    /// Enqueues the notice for `participants` in the open transaction: it commits with the change.
    private func tell(_ participants: [Participant], _ notice: VideoMeeting.Notice, about meeting: VideoMeeting,
                      in tx: Repositories) async throws {
        guard !participants.isEmpty else { return }
        try await tx.jobs.enqueue(VideoMeetingNotice(videoMeetingId: meeting.id, workspaceId: meeting.workspaceId, notice: notice,
                                                     participants: participants, sequence: meeting.sequence),
                                  workspaceId: meeting.workspaceId, subject: JobSubject.videoMeeting(meeting.id))
    }

    private func wantProviderMeeting(for meeting: VideoMeeting, on line: Line, in tx: Repositories) async throws {
        guard let workspace = try await tx.workspaces.find(id: meeting.workspaceId) else { throw SlotlineError.notFound("workspace") }
        let wish = MeetingWishes.Wish(groupKey: meeting.groupKey, provider: line.provider, connectionId: line.connectionId, lineId: line.id,
                                      topic: meeting.title, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes,
                                      timeZone: workspace.timeZone)
        try await MeetingWishes(store: store).want(wish, workspaceId: meeting.workspaceId, in: tx)
    }
}

/// Who may do what with a video meeting.
public enum VideoMeetingAccess {
    /// Edit, cancel, end early: its host, its creator, and admins.
    public static func mayManage(_ meeting: VideoMeeting, staff: StaffUser) -> Bool {
        meeting.hostStaffId == staff.id || meeting.createdByStaffId == staff.id || staff.role.canConfigure
    }

    /// The host link: the host and admins only.
    public static func maySeeHostLink(_ meeting: VideoMeeting, staff: StaffUser) -> Bool {
        meeting.hostStaffId == staff.id || staff.role.canConfigure
    }
}

/// A video meeting as one viewer may see it: its state now, its line, the provider's links (the
/// host link only for its host and admins) and what the viewer may do with it.
public struct VideoMeetingDetails: Sendable {
    public let meeting: VideoMeeting
    public let state: VideoMeeting.State
    public let line: Line?
    /// The provider meeting: participant link, number, passcode; nil until the sync job made it.
    public let provided: Meeting?
    public let hostURL: String?
    public let canManage: Bool
}

extension VideoMeetingDesk {
    public func details(id: String, viewer: StaffUser) async throws -> VideoMeetingDetails {
        try await details(of: try await find(id: id, viewer: viewer), viewer: viewer)
    }

    /// The meeting a number people typed belongs to, for anyone on the staff: joining needs only
    /// the number, as with the provider's own app.
    public func join(number: String, viewer: StaffUser) async throws -> VideoMeetingDetails {
        let digits = number.filter { !$0.isWhitespace && $0 != "-" }
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy(\.isASCII) else { throw SlotlineError.invalid("meetingNumber") }
        for provided in try await store.meetings.find(meetingNumber: digits, workspaceId: viewer.workspaceId) {
            guard case .video(let id)? = provided.group,
                  let meeting = try await store.videoMeetings.find(id: id, workspaceId: viewer.workspaceId) else { continue }
            return try await details(of: meeting, viewer: viewer, provided: provided)
        }
        throw SlotlineError.notFound("meetingNumber")
    }

    public func details(of meeting: VideoMeeting, viewer: StaffUser, provided known: Meeting? = nil) async throws -> VideoMeetingDetails {
        var provided = known
        if provided == nil { provided = try await store.meetings.live(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId) }
        return try await details(of: meeting, line: try await store.lines.find(id: meeting.lineId, workspaceId: meeting.workspaceId),
                                 provided: provided, viewer: viewer)
    }

    /// The details of a page of meetings: their lines and provider meetings read once for all.
    public func details(of meetings: [VideoMeeting], viewer: StaffUser) async throws -> [VideoMeetingDetails] {
        guard !meetings.isEmpty else { return [] }
        let (lines, provided) = try await store.read { read in
            (try await read.lines.list(workspaceId: viewer.workspaceId),
             try await read.meetings.live(groupKeys: meetings.map(\.groupKey), workspaceId: viewer.workspaceId))
        }
        let linesById = Dictionary(uniqueKeysWithValues: lines.map { ($0.id, $0) })
        var all: [VideoMeetingDetails] = []
        for meeting in meetings {
            all.append(try await details(of: meeting, line: linesById[meeting.lineId], provided: provided[meeting.groupKey], viewer: viewer))
        }
        return all
    }

    /// The host link is read (and unsealed) only for those who may see it.
    private func details(of meeting: VideoMeeting, line: Line?, provided: Meeting?, viewer: StaffUser) async throws -> VideoMeetingDetails {
        var hostURL: String?
        if let provided, VideoMeetingAccess.maySeeHostLink(meeting, staff: viewer) {
            hostURL = try await store.meetings.sealedHostURL(meetingId: provided.id).flatMap { try? settings.vault.open($0) }
        }
        return VideoMeetingDetails(meeting: meeting, state: meeting.state(at: store.time.now()), line: line, provided: provided,
                                   hostURL: hostURL, canManage: VideoMeetingAccess.mayManage(meeting, staff: viewer))
    }
}
