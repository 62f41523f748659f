import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// An allocation reads the holds of the pool's lines from the line index over a bounded window, so
/// its cost follows the meetings around the interval, not the whole table.
@Suite struct LineHoldsPlanTests {
    @Test func theHoldsReadWalksTheLineIndex() async throws {
        let log = StatementLog()
        let store = try await Store.open(try await TestDatabase.freshURL(.sqlite), time: testClock(), secretKey: TestDatabase.secretKey,
                                         logger: log.logger())
        do {
            let studio = try await Studio.create(in: store)
            let office = try await VideoMeetingTests.Office.create(in: store, studio: studio, lines: 3)
            for hour in 1...6 { try await office.schedule(at: hours(Double(hour), after: testNow)) }
            try await store.database.gatherStatistics()
            log.clear()

            try await office.schedule(at: hours(30, after: testNow))

            let holdsRead = try #require(log.statements.first { $0.contains("\"hold_ends_at\" IS NOT NULL") }, "\(log.statements)")
            let plan = try await store.database.queryPlan(of: SQLQueryString(holdsRead))
            #expect(plan.contains { $0.contains("USING INDEX video_meetings_line_holds") || $0.contains("USING COVERING INDEX video_meetings_line_holds") },
                    "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN video_meetings") }, "\(plan)")
            await store.shutdown()
        } catch {
            await store.shutdown()
            throw error
        }
    }
}
