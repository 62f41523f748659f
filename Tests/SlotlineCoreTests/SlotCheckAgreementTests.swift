import Foundation
import Testing
@testable import SlotlineCore

/// `check` looks only at the wall time a start shows on the practitioner's clock; `slots` walks
/// every wall time of the window. Around each clock change of zones with odd rules, both must
/// accept exactly the same instants.
@Suite struct SlotCheckAgreementTests {
    @Test(arguments: ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu"])
    func checkAcceptsExactlyTheStartsSlotsOffers(zoneName: String) throws {
        let timeZone = zone(zoneName)
        let finder = slotFinder(everyDay([hours("00:00", "03:30"), hours("09:00", "10:00"), hours("22:15", "24:00")]), in: zoneName,
                                rules: SlotRules(durationMinutes: 30, slotIntervalMinutes: 15, maximumAdvanceDays: 730))
        let now = instant("2025-12-01T00:00:00Z")
        var changes: [Date] = []
        var cursor = instant("2026-01-01T00:00:00Z")
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < instant("2027-01-01T00:00:00Z") {
            changes.append(next)
            cursor = next
        }
        let windows = changes.isEmpty ? [instant("2026-06-15T00:00:00Z")] : changes

        var compared = 0
        for change in windows {
            let from = change.addingTimeInterval(-2 * 86_400), to = change.addingTimeInterval(2 * 86_400)
            let offered = Set(finder.slots(from: from, to: to, now: now, busy: []).map(\.start))
            #expect(!offered.isEmpty)
            var start = from
            while start < to {
                let accepted = (try? finder.check(start: start, now: now, busy: [])) != nil
                #expect(accepted == offered.contains(start), "\(zoneName) \(start)")
                compared += 1
                start = start.addingTimeInterval(15 * 60)
            }
        }
        #expect(compared >= 384)
    }
}
