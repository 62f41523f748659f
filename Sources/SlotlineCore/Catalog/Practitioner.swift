/// A person or room that delivers services (老師 / 资源).
public struct Practitioner: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var name: String
    public var description: String
    public var timeZone: String
    public var availability: Availability
    /// Private static meeting text (a personal meeting room, its ID and passcode).
    public var meetingText: String
    public var active: Bool

    public init(id: String, workspaceId: String, name: String, description: String = "",
                timeZone: String, availability: Availability = Availability(),
                meetingText: String = "", active: Bool = true) {
        self.id = id
        self.workspaceId = workspaceId
        self.name = name
        self.description = description
        self.timeZone = timeZone
        self.availability = availability
        self.meetingText = meetingText
        self.active = active
    }
}
