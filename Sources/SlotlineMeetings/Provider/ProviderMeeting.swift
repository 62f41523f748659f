import Foundation

/// A meeting as the provider has it. Join URL, number and passcode are private to confirmed
/// customers; the host URL is for staff only (SPEC §2).
public struct ProviderMeeting: Hashable, Codable, Sendable {
    /// The id the provider's API takes (Zoom: the meeting number; Jitsi: the room name).
    public var externalId: String
    /// The number people type to join by app or phone, when the provider has one.
    public var meetingNumber: String?
    public var joinURL: String
    /// The host's start link; Zoom's expires after two hours, so read it fresh for hosts.
    public var hostURL: String?
    public var passcode: String?
    public var start: Date
    public var durationMinutes: Int

    public init(externalId: String, meetingNumber: String?, joinURL: String, hostURL: String?,
                passcode: String?, start: Date, durationMinutes: Int) {
        self.externalId = externalId
        self.meetingNumber = meetingNumber
        self.joinURL = joinURL
        self.hostURL = hostURL
        self.passcode = passcode
        self.start = start
        self.durationMinutes = durationMinutes
    }
}
