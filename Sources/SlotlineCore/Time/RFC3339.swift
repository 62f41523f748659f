import Foundation

/// RFC 3339 timestamps: parsed with any offset (fractional seconds allowed), written with the
/// offset of a chosen time zone so customers read their own wall-clock time.
public enum RFC3339 {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
              bytes[13] == 58, bytes[16] == 58 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for index in from..<(from + length) {
                let byte = bytes[index]
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              hour < 24, minute < 60, second < 61,
              // Years 1 and 9999 are refused: an offset could move the instant outside the calendar
              // `LocalDate` names, and showing it in another zone would then crash.
              (2...9998).contains(year),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 90, 122: // Z, z
            guard index + 1 == bytes.count else { return nil }
        case 43, 45: // +, -
            guard index + 6 == bytes.count, bytes[index + 3] == 58,
                  let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (bytes[index] == 45 ? -1 : 1)
        default:
            return nil
        }
        let seconds = WallClock.days(from: date) * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2026-03-08T09:30:00-04:00`: whole seconds, the zone's offset at that instant.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let whole = Int(floor(date.timeIntervalSince1970))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(whole)))
        let local = whole + offset
        let days = Int(floor(Double(local) / 86_400))
        let secondOfDay = local - days * 86_400
        let day = WallClock.date(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone: String
        if offset == 0 {
            zone = "Z"
        } else {
            let magnitude = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60)
        }
        return "\(day)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))\(zone)"
    }
}
