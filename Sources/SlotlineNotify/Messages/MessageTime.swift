import Foundation
import SlotlineCore

/// How messages show times: in the recipient's time zone, the zone named, in one fixed format per
/// language. Built by hand rather than with `DateFormatter` so the output never depends on the ICU
/// version of the machine that sends it.
public struct MessageTime: Sendable {
    let language: Language
    let timeZone: TimeZone
    /// The identifier shown to the reader, e.g. `Europe/Berlin`.
    let zoneName: String

    /// An unknown zone falls back to UTC, named as such: a message with a correct, labelled time beats
    /// no message at all.
    public init(language: Language, timeZoneIdentifier: String) {
        self.language = language
        if let zone = TimeZone(identifier: timeZoneIdentifier) {
            timeZone = zone
            zoneName = timeZoneIdentifier
        } else {
            timeZone = TimeZone(identifier: "UTC")!
            zoneName = "UTC"
        }
    }

    /// `Monday, 23 November 2026, 10:00–11:00 (Europe/Berlin, GMT+1)`,
    /// `2026年11月23日 星期一 10:00–11:00（Asia/Taipei，GMT+8）`.
    public func range(_ start: Date, _ end: Date) -> String {
        let from = LocalInstant(start, in: timeZone)
        let to = LocalInstant(end, in: timeZone)
        let zone = zoneLabel(at: start)
        // An end at midnight reads as the end of the start's day, not as the next day.
        let endsAtMidnight = to.minuteOfDay == 0 && WallClock.days(from: to.date) == WallClock.days(from: from.date) + 1
        if from.date == to.date || endsAtMidnight {
            let endTime = endsAtMidnight ? "24:00" : clock(to)
            switch language {
            case .en: return "\(date(from)), \(clock(from))–\(endTime) \(zone)"
            case .zhHans, .zhHant: return "\(date(from)) \(clock(from))–\(endTime)\(zone)"
            }
        }
        switch language {
        case .en: return "\(date(from)), \(clock(from)) – \(date(to)), \(clock(to)) \(zone)"
        case .zhHans, .zhHant: return "\(date(from)) \(clock(from)) 至 \(date(to)) \(clock(to))\(zone)"
        }
    }

    /// One instant with its zone: `Monday, 16 November 2026, 10:00 (Europe/Berlin, GMT+1)`.
    public func instant(_ instant: Date) -> String {
        let local = LocalInstant(instant, in: timeZone)
        switch language {
        case .en: return "\(date(local)), \(clock(local)) \(zoneLabel(at: instant))"
        case .zhHans, .zhHant: return "\(date(local)) \(clock(local))\(zoneLabel(at: instant))"
        }
    }

    /// The local date alone: `Monday, 23 November 2026`, `2026年11月23日 星期一`.
    public func date(_ instant: Date) -> String { date(LocalInstant(instant, in: timeZone)) }

    /// The local time of day alone: `10:00`.
    public func clock(_ instant: Date) -> String { clock(LocalInstant(instant, in: timeZone)) }

    /// How long before the start a reminder goes out: `24 hours`, `1 hour 30 minutes`, `2 days`;
    /// `24小时`, `1小時30分鐘`.
    func duration(minutes: Int) -> String {
        if minutes >= 2 * 1440, minutes % 1440 == 0 {
            return count(minutes / 1440, en: "day", zhHans: "天", zhHant: "天")
        }
        let hours = count(minutes / 60, en: "hour", zhHans: "小时", zhHant: "小時")
        let rest = count(minutes % 60, en: "minute", zhHans: "分钟", zhHant: "分鐘")
        if minutes < 60 { return rest }
        if minutes % 60 == 0 { return hours }
        return language == .en ? "\(hours) \(rest)" : hours + rest
    }

    private func count(_ value: Int, en: String, zhHans: String, zhHant: String) -> String {
        switch language {
        case .en: return "\(value) \(en)\(value == 1 ? "" : "s")"
        case .zhHans: return "\(value)\(zhHans)"
        case .zhHant: return "\(value)\(zhHant)"
        }
    }

    private func date(_ local: LocalInstant) -> String {
        let weekday = Weekday.allCases.firstIndex(of: WallClock.weekday(of: local.date))!
        let date = local.date
        switch language {
        case .en:
            return "\(Self.englishWeekdays[weekday]), \(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
        case .zhHans, .zhHant:
            return "\(date.year)年\(date.month)月\(date.day)日 \(Self.chineseWeekdays[weekday])"
        }
    }

    private func clock(_ local: LocalInstant) -> String {
        let hour = local.minuteOfDay / 60, minute = local.minuteOfDay % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// `(Europe/Berlin, GMT+1)`, `（Asia/Taipei，GMT+8）`; the offset is the one in force at `instant`.
    private func zoneLabel(at instant: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: instant)
        let minutes = abs(seconds) / 60
        var offset = seconds == 0 ? "GMT" : "GMT" + (seconds < 0 ? "-" : "+") + "\(minutes / 60)"
        if minutes % 60 != 0 { offset += ":" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)" }
        let parts = zoneName == "UTC" || zoneName == "GMT" ? [zoneName] : [zoneName, offset]
        switch language {
        case .en: return "(" + parts.joined(separator: ", ") + ")"
        case .zhHans, .zhHant: return "（" + parts.joined(separator: "，") + "）"
        }
    }

    private static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    private static let chineseWeekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
}

/// An instant's wall-clock date and minute of the day in one time zone.
private struct LocalInstant {
    let date: LocalDate
    let minuteOfDay: Int

    init(_ instant: Date, in timeZone: TimeZone) {
        let seconds = Int(floor(instant.timeIntervalSince1970)) + timeZone.secondsFromGMT(for: instant)
        let days = Int(floor(Double(seconds) / 86_400))
        date = WallClock.date(fromDays: days)
        minuteOfDay = (seconds - days * 86_400) / 60
    }
}
