import Foundation

/// One booking as an iTIP calendar object (RFC 5545 / RFC 5546): a request to put the booking in
/// the attendee's calendar, or its cancellation. Calendar clients match updates by `uid` and keep
/// the one with the highest `sequence`.
public struct CalendarInvite: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case request = "REQUEST"
        case cancel = "CANCEL"
        /// A copy for the attendee's own calendar (a download), not an invitation to answer.
        case publish = "PUBLISH"

        /// The event STATUS that goes with the method.
        public var status: String { self == .cancel ? "CANCELLED" : "CONFIRMED" }
    }

    public struct Participant: Sendable, Equatable {
        public var name: String
        public var email: String

        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    /// Stable for the booking's whole life, e.g. `<bookingId>@<host>`.
    public var uid: String
    /// Increased on every change the attendee should see (reschedule, cancellation).
    public var sequence: Int
    public var method: Method
    public var summary: String
    public var description: String
    /// The join link; empty when there is none yet.
    public var location: String
    public var start: Date
    public var end: Date
    /// When this version of the invite was made (DTSTAMP).
    public var stamp: Date
    public var organizer: Participant
    public var attendee: Participant
    public var url: String?

    public init(
        uid: String, sequence: Int, method: Method, summary: String, description: String = "", location: String = "",
        start: Date, end: Date, stamp: Date, organizer: Participant, attendee: Participant, url: String? = nil
    ) {
        self.uid = uid
        self.sequence = sequence
        self.method = method
        self.summary = summary
        self.description = description
        self.location = location
        self.start = start
        self.end = end
        self.stamp = stamp
        self.organizer = organizer
        self.attendee = attendee
        self.url = url
    }

    public var status: String { method.status }

    /// The `.ics` text: CRLF line endings, lines folded at 75 octets.
    public func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Slotline//Slotline//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
            "BEGIN:VEVENT",
            "UID:\(ContentLine.text(uid))",
            "SEQUENCE:\(max(0, sequence))",
            "DTSTAMP:\(UTCDateTime(stamp).iCalendar)",
            "DTSTART:\(UTCDateTime(start).iCalendar)",
            "DTEND:\(UTCDateTime(end).iCalendar)",
            "SUMMARY:\(ContentLine.text(summary))",
        ]
        if !description.isEmpty { lines.append("DESCRIPTION:\(ContentLine.text(description))") }
        if !location.isEmpty { lines.append("LOCATION:\(ContentLine.text(location))") }
        if let url, !ContentLine.uri(url).isEmpty { lines.append("URL:\(ContentLine.uri(url))") }
        lines += [
            "ORGANIZER\(Self.commonName(organizer)):mailto:\(ContentLine.uri(organizer.email))",
            "ATTENDEE\(Self.commonName(attendee));ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"
                + ":mailto:\(ContentLine.uri(attendee.email))",
            "STATUS:\(status)",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return lines.map { ContentLine.fold($0) + "\r\n" }.joined()
    }

    /// `;CN="…"`, or nothing when the name is blank.
    private static func commonName(_ participant: Participant) -> String {
        let name = participant.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = ContentLine.quotedParameter(name)
        return quoted == "\"\"" ? "" : ";CN=\(quoted)"
    }
}
