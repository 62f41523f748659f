import Foundation
import SlotlineCore

extension Conference: TableRecord {
    static let table = "conferences"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let topic = "topic"
        static let startsAt = "starts_at"
        static let endsAt = "ends_at"
        static let place = "place"
        static let creatorStaffId = "creator_staff_id"
        static let convenerStaffId = "convener_staff_id"
        static let contactStaffId = "contact_staff_id"
        /// The attendees as a JSON list: read and written with the card, never queried one by one.
        static let attendees = "attendees"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    static let fields: [Field<Conference>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.topic, \.topic),
        .seconds(Columns.startsAt, \.startsAt),
        .seconds(Columns.endsAt, \.endsAt),
        .value(Columns.place, \.place),
        .value(Columns.creatorStaffId, \.creatorStaffId),
        .value(Columns.convenerStaffId, \.convenerStaffId),
        .value(Columns.contactStaffId, \.contactStaffId),
        .json(Columns.attendees, \.attendees),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = Conference(id: "", workspaceId: "", topic: "", startsAt: .distantPast, endsAt: .distantPast, creatorStaffId: "",
                                  convenerStaffId: "", contactStaffId: "", createdAt: .distantPast, updatedAt: .distantPast)
}
