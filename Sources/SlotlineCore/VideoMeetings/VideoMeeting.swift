import Foundation

/// A company's own video meeting on a line of its pool (SPEC §5): quick, scheduled, or launched
/// from a conference card or a chat. Its provider meeting (links, number, passcode) is the
/// `Meeting` of group `video:<id>`, made by the same sync job as a booking's.
public struct VideoMeeting: Sendable, Equatable {
    /// What staff see. `notStarted` and `inProgress` follow the clock unless the provider said
    /// otherwise; the others are final.
    public enum State: String, Sendable, Codable, CaseIterable {
        case notStarted
        case inProgress
        /// Its time passed, or the provider ended it.
        case ended
        /// Ended early by staff: ended at the provider, the line freed.
        case endedManually
        case cancelled
    }

    /// What its participants are told.
    public enum Notice: String, Sendable, Codable, CaseIterable {
        case invitation, updated, cancelled
    }

    /// How it was made: shown in lists, and what its related link points to.
    public enum Source: Sendable, Equatable {
        case quick
        case scheduled
        case conference(id: String)
        case booking(id: String)
        /// A chat's slash command: the channel it was typed in.
        case chat(channel: String)

        public var kind: String {
            switch self {
            case .quick: "quick"
            case .scheduled: "scheduled"
            case .conference: "conference"
            case .booking: "booking"
            case .chat: "chat"
            }
        }

        public var reference: String? {
            switch self {
            case .quick, .scheduled: nil
            case .conference(let id), .booking(let id): id
            case .chat(let channel): channel
            }
        }

        public init?(kind: String, reference: String?) {
            switch (kind, reference) {
            case ("quick", _): self = .quick
            case ("scheduled", _): self = .scheduled
            case ("conference", let id?): self = .conference(id: id)
            case ("booking", let id?): self = .booking(id: id)
            case ("chat", let channel?): self = .chat(channel: channel)
            default: return nil
            }
        }
    }

    public var id: String
    public var workspaceId: String
    public var lineId: String
    public var title: String
    public var agenda: String
    public var hostStaffId: String
    public var createdByStaffId: String
    public var source: Source
    public var startsAt: Date
    public var endsAt: Date
    /// What was recorded for good or by the provider; `state(at:)` adds the clock.
    public var recorded: State
    /// When it ended before `endsAt` (early end by staff, or the provider's report).
    public var endedAt: Date?
    public var participants: [Participant]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, lineId: String, title: String, agenda: String = "", hostStaffId: String,
                createdByStaffId: String, source: Source, startsAt: Date, endsAt: Date, recorded: State = .notStarted,
                endedAt: Date? = nil, participants: [Participant] = [], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.lineId = lineId
        self.title = title
        self.agenda = agenda
        self.hostStaffId = hostStaffId
        self.createdByStaffId = createdByStaffId
        self.source = source
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.recorded = recorded
        self.endedAt = endedAt
        self.participants = participants
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var durationMinutes: Int { Int((endsAt.timeIntervalSince(startsAt) / 60).rounded()) }

    /// The state as of `now`: final states stay; otherwise the clock moves a meeting from not
    /// started to in progress to ended, and a provider's report of a start counts before the clock.
    public func state(at now: Date) -> State {
        switch recorded {
        case .ended, .endedManually, .cancelled: recorded
        case .inProgress: now >= endsAt ? .ended : .inProgress
        case .notStarted: now >= endsAt ? .ended : now >= startsAt ? .inProgress : .notStarted
        }
    }

    /// Whether it still takes its line, and until when: a cancelled meeting frees it, an early end
    /// frees it from that moment.
    public var hold: LinePlan.Hold? {
        recorded == .cancelled ? nil : LinePlan.Hold(lineId: lineId, startsAt: startsAt, endsAt: endedAt.map { min($0, endsAt) } ?? endsAt)
    }

    /// The provider meeting's group: `video:<id>`.
    public var groupKey: String { Meeting.Group.video(id: id).key }

    /// Orders the calendar updates of the meeting: seconds from its creation to its last change.
    public var sequence: Int { max(0, Int(updatedAt.timeIntervalSince(createdAt))) }

    /// The host, the creator and the participants among staff.
    public func involves(staffId: String) -> Bool {
        hostStaffId == staffId || createdByStaffId == staffId || participants.contains { $0.staffId == staffId }
    }
}

/// Someone invited to a video meeting: a colleague (by staff id) or an outside email address.
public struct Participant: Sendable, Equatable, Hashable, Codable {
    public var staffId: String?
    public var email: String?

    public init(staffId: String) {
        self.staffId = staffId
        self.email = nil
    }

    public init(email: String) {
        self.staffId = nil
        self.email = email
    }
}
