import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// Slot listings and conflict checks read a practitioner's busy time from one index that holds
/// every column they need: SQLite never visits the bookings' rows.
@Suite struct BusyReadPlanTests {
    @Test func theBusyReadIsAnsweredFromTheCoveringIndex() async throws {
        let log = StatementLog()
        let store = try await Store.open(try await TestDatabase.freshURL(.sqlite), time: testClock(), secretKey: TestDatabase.secretKey,
                                         logger: log.logger())
        do {
            let studio = try await Studio.create(in: store)
            for day in 2...6 { try await studio.book(studio.instant, at: studio.opening(daysAhead: day, after: testNow), in: store) }
            try await store.database.gatherStatistics()
            log.clear()

            let offered = try await store.slots.slots(workspaceId: studio.workspace.id, serviceId: studio.instant.id, practitionerId: nil,
                                                      from: testNow, to: testNow.addingTimeInterval(7 * 86_400))

            let busyRead = try #require(log.statements.first { $0.contains("\"block_start\"") }, "\(log.statements)")
            let plan = try await store.database.queryPlan(of: SQLQueryString(busyRead))
            #expect(!offered.isEmpty)
            #expect(plan.contains { $0.contains("USING COVERING INDEX bookings_practitioner_busy") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN bookings") }, "\(plan)")
            await store.shutdown()
        } catch {
            await store.shutdown()
            throw error
        }
    }
}
