import Foundation
import SlotlineCore

/// The UTC calendar fields of an instant, whole seconds, for the date formats mail and calendars use.
struct UTCDateTime: Sendable {
    let date: LocalDate
    let hour: Int
    let minute: Int
    let second: Int

    init(_ instant: Date) {
        let whole = Int(floor(instant.timeIntervalSince1970))
        let days = Int(floor(Double(whole) / 86_400))
        let secondOfDay = whole - days * 86_400
        date = WallClock.date(fromDays: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    var weekday: Weekday { WallClock.weekday(of: date) }

    /// `20261122T090000Z`, the iCalendar DATE-TIME form in UTC.
    var iCalendar: String {
        pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
    }

    /// `Sun, 22 Nov 2026 09:00:00 +0000`, the RFC 5322 date-time.
    var rfc5322: String {
        let weekdayName = String(weekday.rawValue.prefix(3)).capitalized
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]
        return "\(weekdayName), \(date.day) \(monthName) \(pad(date.year, 4)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)) +0000"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
