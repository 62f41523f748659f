import Foundation

/// Zoom's `start_time` forms: `yyyy-MM-ddTHH:mm:ssZ` in UTC, or `yyyy-MM-ddTHH:mm:ss` local to a time zone.
enum ZoomTime {
    static func format(_ date: Date) -> String {
        let c = calendar(TimeZone(identifier: "UTC")!).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ldZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The instant `text` names; a text without `Z` is read in `localZone`. Nil when malformed or impossible.
    static func parse(_ text: String, localZone: TimeZone) -> Date? {
        let chars = Array(text)
        let utc = chars.count == 20 && chars[19] == "Z"
        guard chars.count == 19 || utc,
              chars[4] == "-", chars[7] == "-", chars[10] == "T", chars[13] == ":", chars[16] == ":"
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let digits = chars[range]
            guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(String(digits))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        let zone = utc ? TimeZone(identifier: "UTC")! : localZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let cal = calendar(zone)
        guard components.isValidDate(in: cal), let date = cal.date(from: components) else { return nil }
        return date
    }

    /// `yyyy-MM-dd` of `date` in UTC: the key of Zoom's daily limits, which reset at 00:00 UTC.
    static func utcDay(_ date: Date) -> String {
        String(format(date).prefix(10))
    }

    /// Seconds from `date` to the next 00:00 UTC.
    static func secondsToNextUTCMidnight(from date: Date) -> Int {
        let cal = calendar(TimeZone(identifier: "UTC")!)
        let midnight = cal.nextDate(after: date, matching: DateComponents(hour: 0, minute: 0, second: 0), matchingPolicy: .nextTime)!
        return max(1, Int(midnight.timeIntervalSince(date).rounded(.up)))
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal
    }
}
