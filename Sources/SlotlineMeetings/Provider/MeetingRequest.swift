import Foundation

/// What Slotline asks a provider for: one scheduled meeting.
public struct MeetingRequest: Hashable, Sendable {
    public var topic: String
    public var start: Date
    public var durationMinutes: Int
    /// IANA identifier, e.g. `Europe/Paris`: the zone the host's calendar shows the meeting in.
    public var timeZone: String
    public var passcode: PasscodePolicy
    /// Free text for the meeting description; providers append the marker to it.
    public var agenda: String
    public var marker: MeetingMarker

    public init(topic: String, start: Date, durationMinutes: Int, timeZone: String,
                passcode: PasscodePolicy = .generated, agenda: String = "", marker: MeetingMarker) {
        self.topic = topic
        self.start = start
        self.durationMinutes = durationMinutes
        self.timeZone = timeZone
        self.passcode = passcode
        self.agenda = agenda
        self.marker = marker
    }
}
