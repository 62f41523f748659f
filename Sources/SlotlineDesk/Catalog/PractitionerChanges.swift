import Foundation
import SlotlineCore

/// What staff set on a practitioner. Every field is optional, so one type serves create and update
/// (a field left out stays as it is).
public struct PractitionerChanges: Sendable, Decodable {
    public var name: String?
    public var description: String?
    public var timeZone: String?
    public var meetingText: String?
    public var active: Bool?
    public var availability: Availability?

    public init() {}

    /// The practitioner with these changes made, each field checked; `creating` requires a name and a zone.
    public func applied(to practitioner: Practitioner, creating: Bool) throws -> Practitioner {
        var result = practitioner
        if let name = try FieldInput.text(name, field: "name", max: 200, required: creating) { result.name = name }
        if let description = try FieldInput.text(description, field: "description", max: 10_000) { result.description = description }
        if let meetingText = try FieldInput.text(meetingText, field: "meetingText", max: 2_000) { result.meetingText = meetingText }
        if creating || timeZone != nil {
            _ = try FieldInput.timeZone(timeZone, field: "timeZone")
            result.timeZone = timeZone ?? result.timeZone
        }
        if let active { result.active = active }
        if let availability { result.availability = try availability.validated() }
        if result.name.trimmingCharacters(in: .whitespaces).isEmpty { throw SlotlineError.invalid("name", "must not be empty") }
        return result
    }
}
