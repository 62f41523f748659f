import Foundation
import SlotlineCore
import SlotlineNotify

/// Where a booking's private meeting details come from. Static texts now; provider meetings plug
/// in here, so messages and pages do not change when they do.
protocol MeetingDetailsSource: Sendable {
    /// The details of a confirmed booking, or nil when its service has none to give.
    func details(for booking: Booking, service: Service, practitioner: Practitioner) async throws -> MeetingDetails?
}

/// The practitioner's or the service's static meeting text, as the service's link source says.
struct StaticMeetingDetails: MeetingDetailsSource {
    func details(for booking: Booking, service: Service, practitioner: Practitioner) async throws -> MeetingDetails? {
        MeetingAccess.staticText(service: service, practitioner: practitioner).map { text in
            MeetingDetails(joinURL: Self.firstLink(in: text) ?? "", text: text)
        }
    }

    /// The first http(s) link in a static text: what calendars get as the meeting's location.
    static func firstLink(in text: String) -> String? {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
            .first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;)")) }
    }
}
