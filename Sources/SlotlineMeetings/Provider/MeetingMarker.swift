import Foundation

/// A line such as `slotline:mtg_123` that a create puts in the meeting's agenda or description, so
/// the meeting can be found again when the answer to the create was lost (SPEC §8).
public struct MeetingMarker: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public static let prefix = "slotline:"

    public let rawValue: String

    public init?(rawValue: String) {
        guard rawValue.hasPrefix(Self.prefix), rawValue.count > Self.prefix.count,
              !rawValue.contains(where: \.isWhitespace) else { return nil }
        self.rawValue = rawValue
    }

    /// The marker of Slotline's meeting record `meetingId` (an id without whitespace).
    public init(meetingId: String) {
        self.rawValue = Self.prefix + meetingId.filter { !$0.isWhitespace }
    }

    public var description: String { rawValue }

    /// `text` followed by the marker on its own last line, cut so the whole fits in `limit`
    /// characters: the marker always survives, the text is shortened instead.
    public func appended(to text: String, limit: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return rawValue }
        let room = limit - rawValue.count - 2
        guard room > 0 else { return rawValue }
        let kept = trimmed.count <= room ? trimmed : String(trimmed.prefix(room - 1)) + "…"
        return kept + "\n\n" + rawValue
    }

    /// Whether `text` carries this marker on a line of its own (so `slotline:a1` never matches
    /// `slotline:a12`).
    public func isCarried(by text: String?) -> Bool {
        guard let text else { return false }
        return text.split(whereSeparator: \.isNewline).contains {
            $0.trimmingCharacters(in: .whitespaces) == rawValue
        }
    }
}
