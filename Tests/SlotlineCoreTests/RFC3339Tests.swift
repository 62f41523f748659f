import Foundation
import Testing
@testable import SlotlineCore

@Suite struct RFC3339ParseTests {
    @Test func parsesUTC() {
        #expect(RFC3339.parse("2026-03-08T07:00:00Z") == instant("2026-03-08T07:00:00Z"))
        #expect(RFC3339.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(RFC3339.parse("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test(arguments: [
        ("2026-03-08T03:00:00-04:00", "2026-03-08T07:00:00Z"),
        ("2026-03-08T15:00:00+08:00", "2026-03-08T07:00:00Z"),
        ("2026-03-08T12:30:00+05:30", "2026-03-08T07:00:00Z"),
        ("2026-03-08T07:00:00+00:00", "2026-03-08T07:00:00Z"),
        ("2026-03-08T07:00:00-00:00", "2026-03-08T07:00:00Z"),
        ("2026-03-09T01:00:00+18:00", "2026-03-08T07:00:00Z"),
        ("2026-03-07T20:00:00-11:00", "2026-03-08T07:00:00Z"),
    ])
    func offsetsNameTheSameInstant(text: String, utc: String) {
        #expect(RFC3339.parse(text) == instant(utc))
    }

    @Test func keepsFractionalSeconds() throws {
        let base = instant("2026-03-08T07:00:00Z")

        #expect(RFC3339.parse("2026-03-08T07:00:00.5Z") == base.addingTimeInterval(0.5))
        let micro = try #require(RFC3339.parse("2026-03-08T07:00:00.123456+01:00"))
        #expect(abs(micro.timeIntervalSince(base.addingTimeInterval(-3600)) - 0.123456) < 1e-6)
        #expect(RFC3339.parse("2026-03-08T07:00:00.000Z") == base)
    }

    @Test func lowercaseSeparatorsAreAcceptedLikeUppercase() {
        let upper = RFC3339.parse("2026-03-08T07:00:00Z")

        #expect(upper != nil)
        #expect(RFC3339.parse("2026-03-08t07:00:00z") == upper)
        #expect(RFC3339.parse("2026-03-08t07:00:00Z") == upper)
        #expect(RFC3339.parse("2026-03-08T07:00:00z") == upper)
        #expect(RFC3339.parse("2026-03-08 07:00:00Z") == upper)
    }

    @Test(arguments: [
        "", "hello", "2026-03-08", "2026-03-08T07:00:00", "2026-03-08T07:00Z", "2026/03/08T07:00:00Z",
        "2026-03-08X07:00:00Z", "2026-03-08T07:00:00+0100", "2026-03-08T07:00:00+1:00", "2026-03-08T07:00:00+01",
        "2026-03-08T07:00:00Z ", " 2026-03-08T07:00:00Z", "2026-03-08T07:00:00Zulu", "2026-03-08T07:00:00+01:00x",
        "2026-03-08T07:00:00.Z", "2026-03-08T07:00:00,5Z", "2026-03-08T7:00:00Z", "+026-03-08T07:00:00Z",
        "2026-03-08T07:00:00UTC", "２０２６-03-08T07:00:00Z", "2026-03-08T07:00:00—01:00",
    ])
    func rejectsGarbage(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test(arguments: [
        "2026-13-08T07:00:00Z", "2026-00-08T07:00:00Z", "2026-03-32T07:00:00Z", "2026-03-00T07:00:00Z",
        "2026-04-31T07:00:00Z", "2026-03-08T24:00:00Z", "2026-03-08T07:60:00Z", "2026-03-08T07:00:61Z",
        "2026-03-08T07:00:00+24:00", "2026-03-08T07:00:00+01:60", "0000-01-01T00:00:00Z",
    ])
    func rejectsOutOfRangeFields(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func february29thExistsOnlyInLeapYears() {
        #expect(RFC3339.parse("2026-02-29T10:00:00Z") == nil)
        #expect(RFC3339.parse("2100-02-29T10:00:00Z") == nil)
        #expect(RFC3339.parse("2028-02-29T10:00:00Z") == instant("2028-02-29T10:00:00Z"))
        #expect(RFC3339.parse("2000-02-29T10:00:00Z") == instant("2000-02-29T10:00:00Z"))
    }

    @Test func aLeapSecondReadsAsTheSecondBeforeIt() {
        #expect(RFC3339.parse("2016-12-31T23:59:60Z") == instant("2016-12-31T23:59:59Z"))
    }

    @Test(arguments: ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"])
    func refusesInstantsTooCloseToTheEndsOfTheCalendarToShowInEveryZone(text: String) {
        // Accepting these would let a request crash the server when it formats them or checks a slot.
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func everyParsedInstantCanBeFormattedAndCheckedInAnyZone() throws {
        let earliest = try #require(RFC3339.parse("0002-01-01T00:00:00+14:00"))
        let latest = try #require(RFC3339.parse("9998-12-31T23:59:59-12:00"))
        let finder = slotFinder(everyDay([hours("09:00", "17:00")]), in: "Pacific/Kiritimati", rules: SlotRules(durationMinutes: 60))

        #expect(RFC3339.format(earliest, in: zone("Etc/GMT+12")) == "0001-12-30T22:00:00-12:00")
        #expect(RFC3339.format(latest, in: zone("Etc/GMT-14")) == "9999-01-02T01:59:59+14:00")
        #expect(throws: SlotlineError.self) { try finder.check(start: earliest, now: earliest, busy: []) }
        #expect(throws: SlotlineError.self) { try finder.check(start: latest, now: latest, busy: []) }
    }
}

@Suite struct RFC3339FormatTests {
    @Test(arguments: [
        ("UTC", "2026-07-01T12:00:00Z"),
        ("America/New_York", "2026-07-01T08:00:00-04:00"),
        ("Europe/Berlin", "2026-07-01T14:00:00+02:00"),
        ("Asia/Taipei", "2026-07-01T20:00:00+08:00"),
        ("Asia/Kolkata", "2026-07-01T17:30:00+05:30"),
        ("Asia/Kathmandu", "2026-07-01T17:45:00+05:45"),
        ("America/St_Johns", "2026-07-01T09:30:00-02:30"),
        ("Pacific/Kiritimati", "2026-07-02T02:00:00+14:00"),
        ("Pacific/Pago_Pago", "2026-07-01T01:00:00-11:00"),
    ])
    func writesTheWallClockAndOffsetOfTheZone(zoneName: String, text: String) {
        #expect(RFC3339.format(instant("2026-07-01T12:00:00Z"), in: zone(zoneName)) == text)
    }

    @Test func usesTheOffsetInForceAtThatInstant() {
        let newYork = zone("America/New_York")

        #expect(RFC3339.format(instant("2026-01-15T14:00:00Z"), in: newYork) == "2026-01-15T09:00:00-05:00")
        #expect(RFC3339.format(instant("2026-11-01T05:30:00Z"), in: newYork) == "2026-11-01T01:30:00-04:00")
        #expect(RFC3339.format(instant("2026-11-01T06:30:00Z"), in: newYork) == "2026-11-01T01:30:00-05:00")
    }

    @Test func dropsFractionalSecondsWithoutRoundingUp() {
        let almost = instant("2026-12-31T23:59:59Z").addingTimeInterval(0.999)

        #expect(RFC3339.format(almost, in: zone("UTC")) == "2026-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5), in: zone("UTC")) == "1969-12-31T23:59:59Z")
    }

    @Test func formatThenParseGivesBackTheSameInstant() {
        let zones = ["UTC", "America/New_York", "Europe/London", "Asia/Taipei", "Asia/Kathmandu",
                     "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago"].map(zone)
        var mismatches: [String] = []
        // Every 7 hours, 13 minutes and 11 seconds over 1960–2080, in every zone.
        for seconds in stride(from: -315_619_200, through: 3_471_292_800, by: 25_991) {
            let moment = Date(timeIntervalSince1970: Double(seconds))
            for zone in zones {
                let text = RFC3339.format(moment, in: zone)
                if RFC3339.parse(text) != moment { mismatches.append("\(zone.identifier) \(text)") }
            }
        }

        #expect(mismatches.isEmpty)
    }

    @Test func parseThenFormatInUTCGivesBackTheText() {
        let texts = ["2026-03-08T07:00:00Z", "1999-12-31T23:59:59Z", "2000-02-29T00:00:00Z", "0002-01-01T00:00:00Z"]

        #expect(texts.map { RFC3339.parse($0).map { RFC3339.format($0, in: zone("UTC")) } } == texts)
    }
}
