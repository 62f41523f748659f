import Foundation
import Mustache
import SlotlineCore
import SlotlineDesk
import SlotlineNotify

/// The month view with the days that have free times, and the times of the chosen day, in the
/// viewer's time zone: plain links, so picking works without JavaScript. One picker serves the
/// booking page, the customer's reschedule request and the staff's reschedule.
struct SlotPicker {
    struct Day {
        /// Empty for the cells before the first and after the last day of the month.
        let number: String
        let href: String?
        let selected: Bool
        let today: Bool
        var blank: Bool { number.isEmpty }

        static let none = Day(number: "", href: nil, selected: false, today: false)
    }

    struct Week { let days: [Day] }

    struct Time {
        let label: String
        let href: String
        let seatsLeft: Int?
    }

    let monthTitle: String
    let weekdays: [String]
    let weeks: [Week]
    let previousHref: String?
    let nextHref: String?
    let dayTitle: String?
    let times: [Time]
    let hasTimes: Bool
    let zone: String
    /// Until the viewer's zone was asked for, the script fills in the browser's.
    let detectZone: Bool
    /// The zone list's `<option>` elements, already escaped (drawn with `{{{zoneOptions}}}`).
    let zoneOptions: String
    /// The query items the zone form must keep (everything but `tz`, `month` and `day`).
    let keep: [KeptField]


    struct KeptField {
        let name: String
        let value: String
    }

    /// The month to show and its range in `zone`: `?month=yyyy-MM`, else the month of `day`, else this month.
    static func month(_ text: String?, day: LocalDate?, now: Date, zone: TimeZone) -> LocalDate {
        if let text, let date = LocalDate(text + "-01") { return date }
        let base = day ?? WallClock(zone).localDate(of: now)
        return LocalDate(year: base.year, month: base.month, day: 1)!
    }

    /// The instants a month spans in `zone`, from its first midnight to the next month's.
    static func range(of month: LocalDate, zone: TimeZone) -> (from: Date, to: Date) {
        let clock = WallClock(zone)
        let next = Self.adding(months: 1, to: month)
        let midnight = LocalTime(minutes: 0)!
        // A day whose midnight a DST change skips starts at 01:00 (several zones of the Americas).
        let start = clock.instant(month, midnight) ?? clock.instant(month, LocalTime(minutes: 60)!)!
        let end = clock.instant(next, midnight) ?? clock.instant(next, LocalTime(minutes: 60)!)!
        return (start, end)
    }

    static func adding(months: Int, to month: LocalDate) -> LocalDate {
        let index = month.year * 12 + (month.month - 1) + months
        return LocalDate(year: index / 12, month: index % 12 + 1, day: 1)!
    }

    /// - Parameters:
    ///   - link: the href for a query of `month`, `day` and `tz` values, other parameters kept by the caller.
    ///   - pick: the href that chooses one start.
    init(slots: [OfferedSlot], showsSeats: Bool, month: LocalDate, day requested: LocalDate?, zone: TimeZone, zoneName: String,
         detectZone: Bool, now: Date,
         words: Words, keep: [KeptField], link: (_ query: [String: String]) -> String, pick: (OfferedSlot) -> String) {
        let clock = WallClock(zone)
        let time = MessageTime(language: words.language, timeZoneIdentifier: zoneName)
        // One start per time, whichever practitioner offers it; a group class shows the most seats left.
        var byDay: [LocalDate: [OfferedSlot]] = [:]
        for offered in slots {
            let date = clock.localDate(of: offered.slot.start)
            if let index = byDay[date]?.firstIndex(where: { $0.slot.start == offered.slot.start }) {
                if offered.slot.seatsLeft > byDay[date]![index].slot.seatsLeft { byDay[date]![index] = offered }
            } else {
                byDay[date, default: []].append(offered)
            }
        }
        let monthText = String(month.description.prefix(7))
        let chosen = requested.flatMap { byDay[$0] != nil ? $0 : nil } ?? byDay.keys.filter { $0.month == month.month }.min()
        let today = clock.localDate(of: now)

        monthTitle = words["page.picker.month", with: ["year": String(month.year),
                                                      "monthName": words["page.picker.months"].split(separator: ",").map(String.init)[month.month - 1]]]
        weekdays = words["page.picker.weekdays"].split(separator: ",").map(String.init)
        var cells: [Day] = Array(repeating: .none, count: Weekday.allCases.firstIndex(of: WallClock.weekday(of: month))!)
        for number in 1...LocalDate.daysIn(month: month.month, year: month.year) {
            let date = LocalDate(year: month.year, month: month.month, day: number)!
            cells.append(Day(number: String(number),
                             href: byDay[date] == nil ? nil : link(["month": monthText, "day": date.description, "tz": zoneName]),
                             selected: date == chosen, today: date == today))
        }
        while cells.count % 7 != 0 { cells.append(.none) }
        weeks = stride(from: 0, to: cells.count, by: 7).map { Week(days: Array(cells[$0..<$0 + 7])) }
        let thisMonth = LocalDate(year: today.year, month: today.month, day: 1)!
        previousHref = month > thisMonth
            ? link(["month": String(Self.adding(months: -1, to: month).description.prefix(7)), "tz": zoneName]) : nil
        nextHref = link(["month": String(Self.adding(months: 1, to: month).description.prefix(7)), "tz": zoneName])
        let dayTimes = chosen.flatMap { byDay[$0] } ?? []
        dayTitle = dayTimes.first.map { time.date($0.slot.start) }
        times = dayTimes.sorted { $0.slot.start < $1.slot.start }.map {
            Time(label: time.clock($0.slot.start), href: pick($0), seatsLeft: showsSeats ? $0.slot.seatsLeft : nil)
        }
        hasTimes = !times.isEmpty
        self.zone = zoneName
        self.detectZone = detectZone
        zoneOptions = Self.zoneOptions(selected: zoneName)
        self.keep = keep
    }

    /// Several hundred `<option>`s on every picker: each escaped once, when the server starts, and
    /// joined per page with the chosen one marked, instead of drawn one by one by the template.
    static func zoneOptions(selected chosen: String) -> String {
        let zones = knownZoneOptions.keys.contains(chosen) ? knownZones : (knownZones + [chosen]).sorted()
        return zones.map { zone in
            zone == chosen ? "<option selected>\(HTML.escaped(zone))</option>" : knownZoneOptions[zone] ?? ""
        }.joined()
    }

    static let knownZones = TimeZone.knownTimeZoneIdentifiers.sorted()
    private static let knownZoneOptions = Dictionary(uniqueKeysWithValues: knownZones.map { ($0, "<option>\(HTML.escaped($0))</option>") })
}

// Lookups by name for the rows a picker repeats most (days, times): cheaper than Mustache's reflection.
extension SlotPicker.Day: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "href": href
        case "selected": selected
        case "today": today
        case "blank": blank
        default: nil
        }
    }
}

extension SlotPicker.Time: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "seatsLeft": seatsLeft
        default: nil
        }
    }
}
