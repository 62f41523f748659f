import Foundation
import SlotlineCore

/// Zoom's limits on a meeting, checked here so a request Zoom would refuse fails before any call.
enum ZoomMeetingRules {
    static let topicLimit = 200
    static let agendaLimit = 2000
    static let passcodeLimit = 10
    static let passcodeCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@-_*")

    static func isValidPasscode(_ passcode: String) -> Bool {
        !passcode.isEmpty && passcode.count <= passcodeLimit && passcode.allSatisfy(passcodeCharacters.contains)
    }

    /// The body for `request`. On create a `.generated` passcode is drawn here; on update only a
    /// `.fixed` one is sent, so customers keep the passcode they were given.
    static func body(for request: MeetingRequest, creating: Bool) throws -> ZoomWire.MeetingBody {
        guard request.durationMinutes > 0 else { throw MeetingProviderError.invalidRequest("duration must be positive") }
        guard TimeZone(identifier: request.timeZone) != nil else {
            throw MeetingProviderError.invalidRequest("unknown time zone \(request.timeZone)")
        }
        let password: String?
        switch request.passcode {
        case .providerDefault: password = nil
        case .generated: password = creating ? PasscodePolicy.randomDigits() : nil
        case .fixed(let passcode):
            guard isValidPasscode(passcode) else {
                throw MeetingProviderError.invalidRequest("a Zoom passcode has 1 to 10 of the characters A-Z a-z 0-9 @ - _ *")
            }
            password = passcode
        }
        let topic = request.topic.trimmingCharacters(in: .whitespacesAndNewlines)
        return ZoomWire.MeetingBody(
            topic: topic.isEmpty ? "Meeting" : String(topic.prefix(topicLimit)),
            type: creating ? 2 : nil,
            start_time: startTime(request.start),
            duration: request.durationMinutes,
            timezone: request.timeZone,
            password: password,
            agenda: request.marker.appended(to: request.agenda, limit: agendaLimit))
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC: the form Zoom reads without a zone ambiguity.
    static func startTime(_ date: Date) -> String {
        RFC3339.format(date, in: TimeZone(identifier: "UTC")!)
    }
}
