import Foundation
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// SLOTLINE_DATABASE_CONNECTIONS caps what one process opens, so replicas × the cap can be kept
/// under PostgreSQL's max_connections.
@Suite struct ConnectionLimitTests {
    /// Runs 12 slow statements at once through a pool; returns the most seen running together.
    func mostAtOnce(connections: Int?) async throws -> Int {
        try await TestDatabase.withTurn(.postgres) {
            let url = try await TestDatabase.freshURL(.postgres)
            let pool = try Database(url, logger: TestDatabase.logger, connections: connections)
            let observer = try Database(url, logger: TestDatabase.logger, connections: 1)
            let tag = "load_\(UUID().uuidString.prefix(8).lowercased())"
            async let load: Void = withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await pool.read { db in try await db.raw("SELECT pg_sleep(0.15), \(literal: tag)").run() } }
                }
                try await group.waitForAll()
            }
            var most = 0
            for _ in 0..<20 {
                let running = try await observer.read { db in
                    try await db.raw("""
                        SELECT count(*) AS running FROM pg_stat_activity
                        WHERE state = 'active' AND query LIKE \(bind: "%" + tag + "%") AND query NOT LIKE '%pg_stat_activity%'
                        """).first()?.decode(column: "running", as: Int.self) ?? 0
                }
                most = max(most, running)
                try await Task.sleep(for: .milliseconds(40))
            }
            try await load
            await pool.shutdown()
            await observer.shutdown()
            return most
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil))
    func aProcessOpensNoMoreConnectionsThanItsCap() async throws {
        #expect(try await mostAtOnce(connections: 2) == 2)
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil))
    func withoutACapEachEventLoopOpensFour() async throws {
        #expect(try await mostAtOnce(connections: nil) > 2)
    }
}
