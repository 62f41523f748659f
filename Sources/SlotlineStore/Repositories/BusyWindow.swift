import Foundation

/// A stretch of one practitioner's time whose bookings a conflict check needs.
public struct BusyWindow: Sendable, Equatable {
    public var practitionerId: String
    public var from: Date
    public var to: Date

    public init(practitionerId: String, from: Date, to: Date) {
        self.practitionerId = practitionerId
        self.from = from
        self.to = to
    }

    /// The window a check of a start needs: a day either side covers every booking whose time
    /// or buffers can touch it.
    public static func around(_ start: Date, practitionerId: String) -> BusyWindow {
        BusyWindow(practitionerId: practitionerId, from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(2 * 86_400))
    }

    /// The same time with each practitioner's overlapping or touching windows joined.
    static func merged(_ windows: [BusyWindow]) -> [BusyWindow] {
        var result: [BusyWindow] = []
        for window in windows.sorted(by: { ($0.practitionerId, $0.from) < ($1.practitionerId, $1.from) }) {
            if let last = result.last, last.practitionerId == window.practitionerId, window.from <= last.to {
                result[result.count - 1].to = max(last.to, window.to)
            } else {
                result.append(window)
            }
        }
        return result
    }
}
