import Foundation
import SlotlineCore
import Synchronization

struct PractitionerRecord: Codable, Sendable {
    static let table = "practitioners"
    var id: String
    var workspaceId: String
    var name: String
    var description: String
    var timeZone: String
    var availability: String
    var meetingText: String
    var active: Bool
    var createdAt: Int64
    var updatedAt: Int64

    init(_ practitioner: Practitioner, createdAt: Date, updatedAt: Date) {
        id = practitioner.id
        workspaceId = practitioner.workspaceId
        name = practitioner.name
        description = practitioner.description
        timeZone = practitioner.timeZone
        availability = Row.json(practitioner.availability)
        meetingText = practitioner.meetingText
        active = practitioner.active
        self.createdAt = createdAt.unixSeconds
        self.updatedAt = updatedAt.unixSeconds
    }

    func model() throws -> Practitioner {
        Practitioner(id: id, workspaceId: workspaceId, name: name, description: description, timeZone: timeZone,
                     availability: try Self.decoded(availability), meetingText: meetingText, active: active)
    }

    /// Decoded hours by their JSON text: every booking reads them, and they rarely change.
    private static let availabilities = Mutex<[String: Availability]>([:])

    private static func decoded(_ json: String) throws -> Availability {
        if let known = availabilities.withLock({ $0[json] }) { return known }
        let availability = try Row.decodeJSON(Availability.self, json)
        availabilities.withLock { cache in
            if cache.count >= 512 { cache.removeAll() }
            cache[json] = availability
        }
        return availability
    }
}
