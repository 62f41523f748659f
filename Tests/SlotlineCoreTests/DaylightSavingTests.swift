import Foundation
import Testing
@testable import SlotlineCore

/// A practitioner in New York works 00:00–05:00 and 09:00–17:00 every day. In 2026 New York
/// springs forward on 8 March (02:00 → 03:00) and falls back on 1 November (02:00 → 01:00).
@Suite struct DaylightSavingTests {
    let now = instant("2026-01-01T00:00:00Z")

    func newYork(durationMinutes: Int = 60, interval: Int? = nil, _ ranges: [TimeRange] = [hours("00:00", "05:00"), hours("09:00", "17:00")]) -> SlotFinder {
        slotFinder(everyDay(ranges), in: "America/New_York",
               rules: SlotRules(durationMinutes: durationMinutes, slotIntervalMinutes: interval, maximumAdvanceDays: 730))
    }

    /// The slots of one local New York day.
    func slots(_ finder: SlotFinder, on date: String) -> [Slot] {
        let clock = WallClock(zone("America/New_York"))
        let start = clock.instant(day(date), clockTime("00:00"))!
        let next = WallClock.date(fromDays: WallClock.days(from: day(date)) + 1)
        let end = clock.instant(next, clockTime("00:00"))!
        return finder.slots(from: start, to: end, now: now, busy: [])
    }

    @Test func springForwardSkipsTheMissingHour() {
        let slots = slots(newYork(), on: "2026-03-08")

        #expect(starts(slots, in: "America/New_York") == [
            "2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00",
            "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00",
            "2026-03-08T09:00:00-04:00", "2026-03-08T10:00:00-04:00", "2026-03-08T11:00:00-04:00",
            "2026-03-08T12:00:00-04:00", "2026-03-08T13:00:00-04:00", "2026-03-08T14:00:00-04:00",
            "2026-03-08T15:00:00-04:00", "2026-03-08T16:00:00-04:00",
        ])
        #expect(starts(slots).prefix(4) == ["2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z",
                                           "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"])
    }

    @Test func springForwardOffersNoStartAtANonexistentTime() {
        let slots = slots(newYork(durationMinutes: 30, interval: 15), on: "2026-03-08")
        let local = starts(slots, in: "America/New_York")

        #expect(!local.contains { $0.contains("T02:") })
        #expect(local.contains("2026-03-08T01:45:00-05:00"))
        #expect(local.contains("2026-03-08T03:00:00-04:00"))
        #expect(Set(slots.map(\.start)).count == slots.count)
    }

    @Test func aRangeEndingInsideTheGapEndsWhereTheGapEnds() {
        let slots = slots(newYork([hours("00:00", "02:30")]), on: "2026-03-08")

        #expect(starts(slots) == ["2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z"])
        #expect(slots.last?.end == instant("2026-03-08T07:00:00Z"))
    }

    @Test func fallBackOffersTheRepeatedHourOnce() {
        let slots = slots(newYork(), on: "2026-11-01")

        #expect(starts(slots, in: "America/New_York").prefix(5) == [
            "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00",
            "2026-11-01T03:00:00-05:00", "2026-11-01T04:00:00-05:00",
        ])
        #expect(starts(slots).prefix(5) == ["2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z",
                                           "2026-11-01T08:00:00Z", "2026-11-01T09:00:00Z"])
        #expect(slots.count == 13)
    }

    @Test func fallBackUsesTheFirstOccurrenceOfAnAmbiguousTime() {
        let slots = slots(newYork(durationMinutes: 30), on: "2026-11-01")
        let local = starts(slots, in: "America/New_York")

        #expect(local.filter { $0.contains("T01:30") } == ["2026-11-01T01:30:00-04:00"])
        #expect(!slots.contains { $0.start == instant("2026-11-01T06:30:00Z") })
    }

    @Test func theSecondOccurrenceOfAnAmbiguousTimeCannotBeBooked() throws {
        let finder = newYork()

        try finder.check(start: instant("2026-11-01T05:00:00Z"), now: now, busy: [])
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-11-01T06:00:00Z"), now: now, busy: [])
        }
        #expect(error?.code == .outsideAvailability)
    }

    @Test func nineInTheMorningMovesInUTCWhenTheClocksChange() {
        let finder = newYork([hours("09:00", "10:00")])

        let nine = ["2026-03-07", "2026-03-08", "2026-10-31", "2026-11-01"].map { starts(slots(finder, on: $0)) }

        #expect(nine == [["2026-03-07T14:00:00Z"], ["2026-03-08T13:00:00Z"],
                         ["2026-10-31T13:00:00Z"], ["2026-11-01T14:00:00Z"]])
    }

    @Test func aMeetingAcrossTheChangeLastsItsRealDuration() {
        let slots = slots(newYork([hours("01:00", "04:00")]), on: "2026-03-08")

        let first = slots.first
        #expect(first.map { $0.end.timeIntervalSince($0.start) } == 3600)
        #expect(first.map { RFC3339.format($0.end, in: zone("America/New_York")) } == "2026-03-08T03:00:00-04:00")
    }

    @Test func hoursUntilMidnightSurviveADaylightChangeAtMidnight() {
        // Santiago springs forward at midnight: 2026-09-06 00:00 does not exist, the day starts at 01:00.
        let finder = slotFinder([.saturday: [hours("22:00", "24:00")]], in: "America/Santiago",
                                rules: SlotRules(durationMinutes: 60, maximumAdvanceDays: 730))

        let slots = finder.slots(from: instant("2026-09-05T00:00:00Z"), to: instant("2026-09-07T00:00:00Z"),
                                 now: now, busy: [])

        #expect(starts(slots, in: "America/Santiago") == ["2026-09-05T22:00:00-04:00", "2026-09-05T23:00:00-04:00"])
    }

    @Test func wallClockRefusesNonexistentTimesAndPicksTheFirstOfRepeatedOnes() {
        let clock = WallClock(zone("America/New_York"))

        #expect(clock.instant(day("2026-03-08"), clockTime("02:00")) == nil)
        #expect(clock.instant(day("2026-03-08"), clockTime("02:59")) == nil)
        #expect(clock.instant(day("2026-03-08"), clockTime("01:59")) == instant("2026-03-08T06:59:00Z"))
        #expect(clock.instant(day("2026-03-08"), clockTime("03:00")) == instant("2026-03-08T07:00:00Z"))
        #expect(clock.instant(day("2026-11-01"), clockTime("01:30")) == instant("2026-11-01T05:30:00Z"))
        #expect(clock.instant(day("2026-11-01"), clockTime("02:00")) == instant("2026-11-01T07:00:00Z"))
    }

    @Test func localDateFollowsThePractitionersMidnight() {
        let clock = WallClock(zone("America/New_York"))

        #expect(clock.localDate(of: instant("2026-03-08T04:59:59Z")) == day("2026-03-07"))
        #expect(clock.localDate(of: instant("2026-03-08T05:00:00Z")) == day("2026-03-08"))
        #expect(clock.localDate(of: instant("2026-03-09T03:59:59Z")) == day("2026-03-08"))
        #expect(clock.localDate(of: instant("2026-03-09T04:00:00Z")) == day("2026-03-09"))
    }
}

/// Customers see the practitioner's instants on their own wall clock.
@Suite struct CustomerTimeZoneTests {
    let now = instant("2026-01-01T00:00:00Z")

    /// The 09:00 slot on one local date of a practitioner who works 09:00–10:00 daily in `practitionerZone`.
    func nineOClock(in practitionerZone: String, on date: String) -> Date? {
        let finder = slotFinder(everyDay([hours("09:00", "10:00")]), in: practitionerZone,
                            rules: SlotRules(durationMinutes: 60, maximumAdvanceDays: 730))
        let midnight = instant("\(date)T00:00:00Z")
        return finder.slots(from: midnight.addingTimeInterval(-86_400), to: midnight.addingTimeInterval(2 * 86_400),
                            now: now, busy: [])
            .first { WallClock(zone(practitionerZone)).localDate(of: $0.start) == day(date) }?.start
    }

    @Test(arguments: [
        ("2026-03-02", "2026-03-02T14:00:00Z", "2026-03-02T22:00:00+08:00"),
        ("2026-03-27", "2026-03-27T13:00:00Z", "2026-03-27T21:00:00+08:00"),
        ("2026-03-30", "2026-03-30T14:00:00+01:00", "2026-03-30T21:00:00+08:00"),
    ])
    func londonAndTaipeiSeeNewYorkNineOClockOnTheirOwnClock(date: String, london: String, taipei: String) throws {
        let start = try #require(nineOClock(in: "America/New_York", on: date))

        #expect(RFC3339.format(start, in: zone("Europe/London")) == london)
        #expect(RFC3339.format(start, in: zone("Asia/Taipei")) == taipei)
    }

    @Test func londonChangesItsOffsetAtTheExactInstant() {
        let london = zone("Europe/London")

        #expect(RFC3339.format(instant("2026-03-29T00:59:59Z"), in: london) == "2026-03-29T00:59:59Z")
        #expect(RFC3339.format(instant("2026-03-29T01:00:00Z"), in: london) == "2026-03-29T02:00:00+01:00")
        #expect(RFC3339.format(instant("2026-10-25T00:59:59Z"), in: london) == "2026-10-25T01:59:59+01:00")
        #expect(RFC3339.format(instant("2026-10-25T01:00:00Z"), in: london) == "2026-10-25T01:00:00Z")
    }

    @Test(arguments: [
        // Neither zone has changed: 9 hours apart.
        ("2026-03-02", "2026-03-02T09:00:00+01:00", "2026-03-02T00:00:00-08:00"),
        // Los Angeles changed on 8 March, Berlin only on 29 March: 8 hours apart.
        ("2026-03-09", "2026-03-09T09:00:00+01:00", "2026-03-09T01:00:00-07:00"),
        ("2026-03-27", "2026-03-27T09:00:00+01:00", "2026-03-27T01:00:00-07:00"),
        // Both changed: 9 hours apart again.
        ("2026-03-30", "2026-03-30T09:00:00+02:00", "2026-03-30T00:00:00-07:00"),
    ])
    func berlinPractitionerSeenFromLosAngeles(date: String, berlin: String, losAngeles: String) throws {
        let start = try #require(nineOClock(in: "Europe/Berlin", on: date))

        #expect(RFC3339.format(start, in: zone("Europe/Berlin")) == berlin)
        #expect(RFC3339.format(start, in: zone("America/Los_Angeles")) == losAngeles)
    }

    @Test func aBerlinMondayMorningIsSundayEveningInLosAngelesExceptBetweenTheClockChanges() {
        let finder = slotFinder([.monday: [hours("08:00", "09:00")]], in: "Europe/Berlin",
                            rules: SlotRules(durationMinutes: 60, maximumAdvanceDays: 730))

        let slots = finder.slots(from: instant("2026-03-01T00:00:00Z"), to: instant("2026-04-01T00:00:00Z"),
                                 now: now, busy: [])

        #expect(starts(slots, in: "America/Los_Angeles") == [
            "2026-03-01T23:00:00-08:00",
            "2026-03-09T00:00:00-07:00", "2026-03-16T00:00:00-07:00", "2026-03-23T00:00:00-07:00",
            "2026-03-29T23:00:00-07:00",
        ])
    }
}
