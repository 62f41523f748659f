import Foundation
import SlotlineCore

extension VideoMeeting: TableRecord {
    static let table = "video_meetings"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let lineId = "line_id"
        static let title = "title"
        static let agenda = "agenda"
        static let hostStaffId = "host_staff_id"
        static let createdByStaffId = "created_by_staff_id"
        static let sourceKind = "source_kind"
        static let sourceRef = "source_ref"
        static let startsAt = "starts_at"
        static let endsAt = "ends_at"
        static let recordedState = "recorded_state"
        static let endedAt = "ended_at"
        /// Until when the meeting takes its line; NULL once it takes none (`VideoMeeting.hold`).
        static let holdEndsAt = "hold_ends_at"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    static let fields: [Field<VideoMeeting>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.lineId, \.lineId),
        .value(Columns.title, \.title),
        .value(Columns.agenda, \.agenda),
        .value(Columns.hostStaffId, \.hostStaffId),
        .value(Columns.createdByStaffId, \.createdByStaffId),
        Field(column: Columns.sourceKind, value: { $0.source.kind }) { row, meeting in
            let kind = try row.decode(column: Columns.sourceKind, as: String.self)
            meeting.source = VideoMeeting.Source(kind: kind, reference: try row.decode(column: Columns.sourceRef, as: String?.self)) ?? .scheduled
        },
        .written(Columns.sourceRef) { $0.source.reference },
        .seconds(Columns.startsAt, \.startsAt),
        .seconds(Columns.endsAt, \.endsAt),
        .raw(Columns.recordedState, \.recorded, unknown: .ended),
        .seconds(Columns.endedAt, \.endedAt),
        .written(Columns.holdEndsAt) { $0.hold?.endsAt.unixSeconds },
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = VideoMeeting(id: "", workspaceId: "", lineId: "", title: "", hostStaffId: "", createdByStaffId: "", source: .scheduled,
                                    startsAt: .distantPast, endsAt: .distantPast, createdAt: .distantPast, updatedAt: .distantPast)
}

/// One row of `video_meeting_participants`.
enum ParticipantColumns {
    static let table = "video_meeting_participants"
    static let videoMeetingId = "video_meeting_id"
    static let position = "position"
    static let staffUserId = "staff_user_id"
    static let email = "email"
}
