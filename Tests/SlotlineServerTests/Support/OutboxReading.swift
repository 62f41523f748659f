import Foundation
import SlotlineCore
import SlotlineStore

extension Store {
    /// Every message the outbox holds for a workspace (or one booking of it).
    func messages(workspaceId: String, bookingId: String? = nil) async throws -> [OutboxMessage] {
        try await outbox.list(workspaceId: workspaceId, bookingId: bookingId, limit: 500, offset: 0)
    }
}

extension OutboxMessage {
    /// Everything a reader could see: subject, both bodies and the invitation, its folded lines joined.
    var everything: String {
        [subject, textBody, htmlBody, invite?.unfolded ?? ""].joined(separator: "\n")
    }

    /// The invitation the message carries, read field by field.
    var invite: InviteFields? { calendar.map(InviteFields.init) }
}

extension Array where Element == OutboxMessage {
    func of(_ kind: String) -> [OutboxMessage] { filter { $0.kind == kind } }

    /// The one message of `kind`; fails the test with what there was instead.
    func one(_ kind: String) throws -> OutboxMessage {
        let found = of(kind)
        guard found.count == 1 else {
            throw TestFailure("expected one \(kind) message, found \(found.count) among \(map(\.kind).sorted())")
        }
        return found[0]
    }

    /// The kinds, sorted, one entry per message: what a test compares against.
    var kinds: [String] { map(\.kind).sorted() }
}

/// The properties of an `.ics` text that tests look at. Read here by hand from RFC 5545 (unfolding,
/// `NAME;params:value`); `scripts/check-ics` is the independent parser.
struct InviteFields {
    /// The text with folded lines joined again.
    let unfolded: String
    private let lines: [(name: String, value: String)]

    init(_ ics: String) {
        unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        lines = unfolded.components(separatedBy: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].split(separator: ";", maxSplits: 1)[0]
            return (String(name), String(line[line.index(after: colon)...]))
        }
    }

    func value(_ name: String) -> String? { lines.first { $0.name == name }?.value }

    var method: String? { value("METHOD") }
    var uid: String? { value("UID") }
    var sequence: Int? { value("SEQUENCE").flatMap { Int($0) } }
    var location: String? { value("LOCATION") }
    var status: String? { value("STATUS") }
    var start: String? { value("DTSTART") }
}

/// `20261123T090000Z`: how an invitation writes an instant.
func icsTime(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
}
