import Foundation
import SlotlineCore
import SlotlineDesk

/// A video meeting as clients send it, for a new one (`kind` quick or scheduled) or an edit (what
/// is left out stays as it is).
struct VideoMeetingInput: Decodable {
    struct ParticipantInput: Decodable {
        let staffId: String?
        let email: String?
    }

    let kind: String?
    let title: String?
    let agenda: String?
    let startsAt: String?
    let durationMinutes: Int?
    let hostStaffId: String?
    let participants: [ParticipantInput]?

    /// Quick meetings start now and last an hour unless told otherwise; scheduled ones need a start
    /// and a duration.
    func newDraft(by creator: StaffUser, now: Date) throws -> (VideoMeetingDraft, VideoMeeting.Source) {
        let quick: Bool
        switch kind ?? "scheduled" {
        case "quick": quick = true
        case "scheduled": quick = false
        default: throw SlotlineError.invalid("kind", "quick or scheduled")
        }
        let start = quick ? now : try FieldInput.time(startsAt, field: "startsAt")
        guard let minutes = durationMinutes ?? (quick ? VideoMeetingDraft.quickMinutes : nil) else { throw SlotlineError.missing("duration") }
        let draft = VideoMeetingDraft(title: title ?? "", agenda: agenda ?? "", startsAt: start, durationMinutes: minutes,
                                      hostStaffId: hostStaffId ?? creator.id, participants: try Self.people(participants))
        return (draft, quick ? .quick : .scheduled)
    }

    /// The meeting with what the edit changes.
    func edited(_ meeting: VideoMeeting) throws -> VideoMeetingDraft {
        VideoMeetingDraft(title: title ?? meeting.title, agenda: agenda ?? meeting.agenda,
                          startsAt: try startsAt.map { try FieldInput.time($0, field: "startsAt") } ?? meeting.startsAt,
                          durationMinutes: durationMinutes ?? meeting.durationMinutes, hostStaffId: hostStaffId ?? meeting.hostStaffId,
                          participants: participants == nil ? meeting.participants : try Self.people(participants))
    }

    /// Each participant is a colleague or an email address, not both.
    static func people(_ inputs: [ParticipantInput]?) throws -> [Participant] {
        try (inputs ?? []).map { person in
            switch (person.staffId, person.email) {
            case (let id?, nil): Participant(staffId: id)
            case (nil, let email?): Participant(email: email)
            default: throw SlotlineError.invalid("participants", "each a staffId or an email")
            }
        }
    }
}
