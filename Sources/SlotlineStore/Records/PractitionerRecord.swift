import Foundation
import SlotlineCore

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
                     availability: try Row.decodeJSON(Availability.self, availability), meetingText: meetingText, active: active)
    }
}
