import Foundation
import Testing
@testable import SlotlineCore

@Suite struct LocalDateTests {
    @Test func parsesAndPrintsIsoDates() {
        #expect(LocalDate("2026-03-08") == LocalDate(year: 2026, month: 3, day: 8))
        #expect(LocalDate(year: 42, month: 1, day: 5)?.description == "0042-01-05")
        #expect(LocalDate("2026-12-31")?.description == "2026-12-31")
    }

    @Test(arguments: ["2026-3-08", "2026-03-8", "26-03-08", "2026/03/08", "2026-03-08T00:00", "", "2026-13-01",
                      "2026-00-10", "2026-04-31", "0000-01-01", "2026-02-29", "1900-02-29", "abcd-ef-gh"])
    func rejectsMalformedOrImpossibleDates(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2000-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2100-02-29") == nil)
    }

    @Test func ordersChronologically() {
        #expect(day("2025-12-31") < day("2026-01-01"))
        #expect(day("2026-02-28") < day("2026-03-01"))
        #expect(!(day("2026-03-01") < day("2026-03-01")))
    }

    @Test func encodesAsAPlainString() throws {
        let data = try JSONEncoder().encode([day("2026-03-08")])

        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-08"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2026-03-08")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}

@Suite struct LocalTimeTests {
    @Test func parsesHoursAndMinutesUpToMidnight() {
        #expect(LocalTime("00:00")?.minutes == 0)
        #expect(LocalTime("09:05")?.minutes == 545)
        #expect(LocalTime("24:00")?.minutes == 1440)
        #expect(LocalTime(minutes: 545)?.description == "09:05")
    }

    @Test(arguments: ["24:01", "25:00", "9:00", "09:60", "0900", "09:00:00", "", "-1:00", "ab:cd"])
    func rejectsMalformedTimes(text: String) {
        #expect(LocalTime(text) == nil)
    }

    @Test func aRangeMustEndAfterItStarts() {
        let error = #expect(throws: SlotlineError.self) {
            try TimeRange(start: clockTime("10:00"), end: clockTime("10:00"))
        }
        #expect(error?.code == .invalidParameter)
        #expect(error?.field == "end")
    }

    @Test func decodingABackwardsRangeFails() {
        let json = Data(#"{"start":"12:00","end":"09:00"}"#.utf8)

        #expect(throws: (any Error).self) { try JSONDecoder().decode(TimeRange.self, from: json) }
    }
}

@Suite struct AvailabilityTests {
    @Test func overlappingWeeklyRangesNameTheDay() {
        let availability = Availability(weekly: [.tuesday: [hours("09:00", "12:00"), hours("11:30", "14:00")]])

        let error = #expect(throws: SlotlineError.self) { try availability.validated() }

        #expect(error?.field == "weekly.tuesday")
    }

    @Test func touchingRangesAreAllowed() throws {
        let availability = Availability(weekly: [.tuesday: [hours("13:00", "17:00"), hours("09:00", "13:00")]])

        #expect(try availability.validated() == availability)
    }

    @Test func aDateMayHaveOneExceptionOnly() {
        let availability = Availability(exceptions: [DateException(date: day("2026-12-24"), ranges: []),
                                                     DateException(date: day("2026-12-24"), ranges: [hours("09:00", "12:00")])])

        let error = #expect(throws: SlotlineError.self) { try availability.validated() }

        #expect(error?.field == "exceptions")
    }

    @Test func overlappingExceptionRangesAreRefused() {
        let availability = Availability(exceptions: [
            DateException(date: day("2026-12-24"), ranges: [hours("09:00", "12:00"), hours("10:00", "11:00")]),
        ])

        let error = #expect(throws: SlotlineError.self) { try availability.validated() }

        #expect(error?.field == "exceptions")
    }

    @Test func anExceptionReplacesTheWeeklyHoursOfItsDateOnly() {
        let availability = Availability(weekly: [.thursday: [hours("09:00", "17:00")]],
                                        exceptions: [DateException(date: day("2026-12-24"), ranges: [hours("09:00", "12:00")])])

        #expect(availability.ranges(on: day("2026-12-24"), weekday: .thursday) == [hours("09:00", "12:00")])
        #expect(availability.ranges(on: day("2026-12-31"), weekday: .thursday) == [hours("09:00", "17:00")])
        #expect(availability.ranges(on: day("2026-12-25"), weekday: .friday).isEmpty)
    }

    @Test func survivesAJSONRoundTrip() throws {
        let availability = Availability(weekly: [.monday: [hours("09:00", "12:00")], .friday: [hours("13:00", "24:00")]],
                                        exceptions: [DateException(date: day("2026-12-24"), ranges: [])])

        let data = try JSONEncoder().encode(availability)
        let json = String(decoding: data, as: UTF8.self)

        #expect(json.contains(#""monday":[{"#))
        #expect(json.contains(#""24:00""#))
        #expect(try JSONDecoder().decode(Availability.self, from: data) == availability)
    }
}
