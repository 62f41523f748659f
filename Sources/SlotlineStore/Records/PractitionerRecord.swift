import Foundation
import SlotlineCore
import Synchronization

/// A practitioner's row: the practitioner, and when it was made and last changed.
struct PractitionerRecord: TableRecord {
    static let table = "practitioners"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let name = "name"
        static let description = "description"
        static let timeZone = "time_zone"
        static let availability = "availability"
        static let meetingText = "meeting_text"
        static let active = "active"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
        /// Set by the connections alone (`Connections.setDefaultProvider`), so no field writes it.
        static let defaultMeetingProvider = "default_meeting_provider"
    }

    var practitioner: Practitioner
    var createdAt: Date
    var updatedAt: Date

    static let fields: [Field<PractitionerRecord>] = [
        .value(Columns.id, \.practitioner.id),
        .value(Columns.workspaceId, \.practitioner.workspaceId),
        .value(Columns.name, \.practitioner.name),
        .value(Columns.description, \.practitioner.description),
        .value(Columns.timeZone, \.practitioner.timeZone),
        Field(column: Columns.availability, value: { JSONText.encode($0.practitioner.availability) }) { row, record in
            let json = try row.decode(column: Columns.availability, as: String.self)
            record.practitioner.availability = try PractitionerRecord.decoded(json)
        },
        .value(Columns.meetingText, \.practitioner.meetingText),
        .value(Columns.active, \.practitioner.active),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = PractitionerRecord(practitioner: Practitioner(id: "", workspaceId: "", name: "", timeZone: ""),
                                          createdAt: .distantPast, updatedAt: .distantPast)

    /// Decoded hours by their JSON text: every booking reads them, and they rarely change.
    private static let availabilities = Mutex<[String: Availability]>([:])

    private static func decoded(_ json: String) throws -> Availability {
        if let known = availabilities.withLock({ $0[json] }) { return known }
        let availability = try JSONText.decode(Availability.self, json)
        availabilities.withLock { cache in
            if cache.count >= 512 { cache.removeAll() }
            cache[json] = availability
        }
        return availability
    }
}
