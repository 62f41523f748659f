import Foundation

/// What staff ask for when they create or edit a video meeting, checked before any line is sought.
public struct VideoMeetingDraft: Sendable, Equatable {
    public var title: String
    public var agenda: String
    public var startsAt: Date
    public var durationMinutes: Int
    public var hostStaffId: String
    public var participants: [Participant]

    public init(title: String, agenda: String = "", startsAt: Date, durationMinutes: Int, hostStaffId: String,
                participants: [Participant] = []) {
        self.title = title
        self.agenda = agenda
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.hostStaffId = hostStaffId
        self.participants = participants
    }

    public var endsAt: Date { startsAt.addingTimeInterval(Double(durationMinutes) * 60) }

    /// How long a quick meeting lasts unless its creator says otherwise.
    public static let quickMinutes = 60
    public static let maxParticipants = 300

    /// The draft with its text trimmed and its participants without repeats, or the first problem:
    /// `duration` beyond `longestMinutes` is `invalid_parameter` with no detail, as the OA module words it.
    public func checked(longestMinutes: Int) throws -> VideoMeetingDraft {
        var draft = self
        draft.title = try FieldInput.singleLine(title, field: "title", max: 200, required: true)
        guard agenda.count <= 5000 else { throw SlotlineError.invalid("agenda", "at most 5000 characters") }
        guard durationMinutes >= 1, durationMinutes <= longestMinutes else { throw SlotlineError.invalid("duration") }
        draft.participants = try Participant.checked(participants, field: "participants")
        return draft
    }
}

extension Participant {
    /// People as invited: addresses trimmed and lower-cased, each once, at most
    /// `VideoMeetingDraft.maxParticipants`; a malformed address is refused naming `field`.
    public static func checked(_ people: [Participant], field: String) throws -> [Participant] {
        var seen: Set<Participant> = []
        var checked: [Participant] = []
        for person in people {
            var person = person
            if let email = person.email {
                let trimmed = email.trimmingCharacters(in: .whitespaces).lowercased()
                guard Customer.looksLikeEmail(trimmed) else { throw SlotlineError.invalid(field, email) }
                person.email = trimmed
            }
            if seen.insert(person).inserted { checked.append(person) }
        }
        guard checked.count <= VideoMeetingDraft.maxParticipants else {
            throw SlotlineError.invalid(field, "at most \(VideoMeetingDraft.maxParticipants)")
        }
        return checked
    }
}
