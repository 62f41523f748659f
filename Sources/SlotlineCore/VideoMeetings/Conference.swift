import Foundation

/// A conference of the company's meeting management (a card): its topic, time and place, who
/// created and convenes it, who to contact, and who attends. Its creator, convener and contact may
/// launch a video meeting from it.
public struct Conference: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var topic: String
    public var startsAt: Date
    public var endsAt: Date
    public var place: String
    public var creatorStaffId: String
    public var convenerStaffId: String
    public var contactStaffId: String
    public var attendees: [Participant]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, topic: String, startsAt: Date, endsAt: Date, place: String = "", creatorStaffId: String,
                convenerStaffId: String, contactStaffId: String, attendees: [Participant] = [], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.topic = topic
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.creatorStaffId = creatorStaffId
        self.convenerStaffId = convenerStaffId
        self.contactStaffId = contactStaffId
        self.attendees = attendees
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Only its creator, convener and contact launch a video meeting from the card.
    public func mayLaunchVideoMeeting(staffId: String) -> Bool {
        [creatorStaffId, convenerStaffId, contactStaffId].contains(staffId)
    }

    /// Who a video meeting launched from the card invites: the attendees, the convener and the contact,
    /// once each, without its host.
    public func invitees(host: String) -> [Participant] {
        var seen: Set<Participant> = [Participant(staffId: host)]
        return ([Participant(staffId: convenerStaffId), Participant(staffId: contactStaffId)] + attendees).filter { seen.insert($0).inserted }
    }
}

/// What staff write on a new conference card, checked before it is stored.
public struct ConferenceDraft: Sendable, Equatable {
    public var topic: String
    public var startsAt: Date
    public var durationMinutes: Int
    public var place: String
    public var convenerStaffId: String
    public var contactStaffId: String
    public var attendees: [Participant]

    public init(topic: String, startsAt: Date, durationMinutes: Int, place: String = "", convenerStaffId: String, contactStaffId: String,
                attendees: [Participant] = []) {
        self.topic = topic
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.place = place
        self.convenerStaffId = convenerStaffId
        self.contactStaffId = contactStaffId
        self.attendees = attendees
    }

    /// Trimmed, attendees without repeats, or the first problem.
    public func checked() throws -> ConferenceDraft {
        var draft = self
        draft.topic = try FieldInput.singleLine(topic, field: "topic", max: 200, required: true)
        guard (1...Self.longestMinutes).contains(durationMinutes) else { throw SlotlineError.invalid("duration") }
        draft.place = try FieldInput.singleLine(place, field: "place", max: 300, required: false)
        draft.attendees = try Participant.checked(attendees, field: "attendees")
        return draft
    }

    /// A conference may run over several days.
    public static let longestMinutes = 7 * 24 * 60
}
