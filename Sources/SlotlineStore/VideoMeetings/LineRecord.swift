import Foundation
import SlotlineCore

extension Line: TableRecord {
    static let table = "lines"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let provider = "provider"
        static let connectionId = "connection_id"
        static let hostUserId = "host_user_id"
        static let label = "label"
        static let capacity = "capacity"
        static let state = "state"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    static let fields: [Field<Line>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.provider, \.provider),
        .value(Columns.connectionId, \.connectionId),
        .value(Columns.hostUserId, \.hostUserId),
        .value(Columns.label, \.label),
        .value(Columns.capacity, \.capacity),
        .raw(Columns.state, \.state, unknown: .maintenance),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = Line(id: "", workspaceId: "", provider: ProviderKind(rawValue: ""), label: "", createdAt: .distantPast,
                            updatedAt: .distantPast)
}
