import Foundation
import Testing
@testable import SlotlineCore

/// Slot listings convert the wall times of a day by one subtraction when `uniformOffset` says the
/// day has one offset; that answer must agree with the careful conversion at every wall time.
@Suite struct UniformOffsetTests {
    /// Zones with daylight saving (also at midnight and by 30 minutes), and zones whose standard
    /// offset itself changed: Caracas 2016, Pyongyang 2018, Volgograd 2020, Apia skipped a day in 2011.
    static let cases: [(zone: String, from: String)] = [
        ("America/New_York", "2026-01-01"), ("Europe/Berlin", "2026-01-01"), ("America/Santiago", "2026-01-01"),
        ("Australia/Lord_Howe", "2026-01-01"), ("Asia/Kolkata", "2026-01-01"), ("America/Caracas", "2016-01-01"),
        ("Asia/Pyongyang", "2018-01-01"), ("Europe/Volgograd", "2020-06-01"), ("Pacific/Apia", "2011-06-01"),
    ]

    @Test(arguments: cases.map(\.zone))
    func aUniformDayConvertsEveryWallTimeByItsOffset(zoneName: String) throws {
        let clock = WallClock(zone(zoneName))
        let first = WallClock.days(from: try #require(LocalDate(UniformOffsetTests.cases.first { $0.zone == zoneName }!.from)))
        var uniformDays = 0, changeDays = 0
        for day in first..<first + 366 {
            let date = WallClock.date(fromDays: day)
            guard let offset = clock.uniformOffset(on: date) else {
                changeDays += 1
                continue
            }
            uniformDays += 1
            for minutes in stride(from: 0, through: 1440, by: 15) {
                let naive = Double(day * 86_400 + minutes * 60)
                let careful = minutes == 1440
                    ? clock.instant(WallClock.date(fromDays: day + 1), LocalTime(minutes: 0)!)
                    : clock.instant(date, LocalTime(minutes: minutes)!)
                #expect(careful == Date(timeIntervalSince1970: naive - Double(offset)), "\(zoneName) \(date) +\(minutes) min")
            }
        }
        #expect(uniformDays > 300)
        // Every zone listed changes its clocks at least once in its year, except Kolkata.
        #expect(zoneName == "Asia/Kolkata" ? changeDays == 0 : changeDays > 0)
    }
}
