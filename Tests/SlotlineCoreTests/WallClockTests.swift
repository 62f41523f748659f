import Foundation
import Testing
@testable import SlotlineCore

/// Calendar arithmetic: day numbers, dates and weekdays, checked against Foundation's calendar.
@Suite struct WallClockTests {
    @Test func dayNumbersCountFromTheUnixEpoch() {
        #expect(WallClock.days(from: day("1970-01-01")) == 0)
        #expect(WallClock.days(from: day("1970-01-02")) == 1)
        #expect(WallClock.days(from: day("1969-12-31")) == -1)
        #expect(WallClock.days(from: day("2000-03-01")) == 11_017)
        #expect(WallClock.days(from: day("2026-03-08")) == Int(instant("2026-03-08T00:00:00Z").timeIntervalSince1970) / 86_400)
    }

    @Test func everyDateFromYear1To9999SurvivesARoundTrip() {
        let first = WallClock.days(from: day("0001-01-01"))
        let last = WallClock.days(from: day("9999-12-31"))

        var failures: [Int] = []
        for number in stride(from: first, through: last, by: 1) {
            let date = WallClock.date(fromDays: number)
            if WallClock.days(from: date) != number { failures.append(number) }
        }

        #expect(failures.isEmpty)
        #expect(last - first + 1 == 3_652_059)
    }

    @Test func consecutiveDayNumbersAreConsecutiveDates() {
        var previous = WallClock.date(fromDays: WallClock.days(from: day("1899-12-31")))
        var wrong: [String] = []
        for number in (WallClock.days(from: day("1900-01-01")))...(WallClock.days(from: day("2100-12-31"))) {
            let date = WallClock.date(fromDays: number)
            let expected = previous.day < LocalDate.daysIn(month: previous.month, year: previous.year)
                ? LocalDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month < 12
                    ? LocalDate(year: previous.year, month: previous.month + 1, day: 1)
                    : LocalDate(year: previous.year + 1, month: 1, day: 1)
            if date != expected { wrong.append(date.description) }
            previous = date
        }

        #expect(wrong.isEmpty)
    }

    @Test func datesAgreeWithFoundationsGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone("UTC")
        var disagreements: [String] = []
        // Foundation switches to the Julian calendar before 1582; compare after it.
        for number in stride(from: WallClock.days(from: day("1600-01-01")), through: WallClock.days(from: day("9999-12-31")), by: 37) {
            let date = WallClock.date(fromDays: number)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday],
                                                from: Date(timeIntervalSince1970: Double(number) * 86_400))
            // Foundation numbers weekdays Sunday = 1; ours are Monday first.
            let weekday = Weekday.allCases[((parts.weekday ?? 0) + 5) % 7]
            if parts.year != date.year || parts.month != date.month || parts.day != date.day
                || WallClock.weekday(of: date) != weekday {
                disagreements.append(date.description)
            }
        }

        #expect(disagreements.isEmpty)
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday),
        ("1969-12-31", .wednesday),
        ("2000-01-01", .saturday),
        ("2000-02-29", .tuesday),
        ("2026-03-08", .sunday),
        ("2026-03-09", .monday),
        ("2026-11-01", .sunday),
        ("0001-01-01", .monday),
        ("9999-12-31", .friday),
    ])
    func weekdayOfKnownDates(date: String, weekday: Weekday) {
        #expect(WallClock.weekday(of: day(date)) == weekday)
    }

    @Test func localDateOfAnInstantDependsOnTheZone() {
        let moment = instant("2026-03-09T02:30:00Z")

        #expect(WallClock(zone("UTC")).localDate(of: moment) == day("2026-03-09"))
        #expect(WallClock(zone("America/Los_Angeles")).localDate(of: moment) == day("2026-03-08"))
        #expect(WallClock(zone("Asia/Taipei")).localDate(of: moment) == day("2026-03-09"))
        #expect(WallClock(zone("Pacific/Kiritimati")).localDate(of: moment) == day("2026-03-09"))
        #expect(WallClock(zone("Pacific/Pago_Pago")).localDate(of: moment) == day("2026-03-08"))
    }

    @Test func instantsBeforeTheEpochFallOnTheRightDay() {
        let clock = WallClock(zone("UTC"))

        #expect(clock.localDate(of: instant("1969-12-31T23:59:59Z")) == day("1969-12-31"))
        #expect(clock.localDate(of: Date(timeIntervalSince1970: -0.5)) == day("1969-12-31"))
        #expect(clock.instant(day("1969-07-20"), clockTime("20:17")) == instant("1969-07-20T20:17:00Z"))
    }

    @Test func instantOfAWallClockTimeInZonesWithoutDaylightSaving() {
        #expect(WallClock(zone("Asia/Taipei")).instant(day("2026-03-08"), clockTime("09:00")) == instant("2026-03-08T01:00:00Z"))
        #expect(WallClock(zone("Asia/Kolkata")).instant(day("2026-03-08"), clockTime("09:00")) == instant("2026-03-08T03:30:00Z"))
        #expect(WallClock(zone("UTC")).instant(day("2026-03-08"), clockTime("24:00")) == instant("2026-03-09T00:00:00Z"))
    }
}
