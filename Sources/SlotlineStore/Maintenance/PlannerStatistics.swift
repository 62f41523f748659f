import SQLKit

extension Database {
    /// Brings the planner's statistics to what a running server has, so a plan read after a bulk
    /// load is the plan in service. SQLite: `ANALYZE` of every table. PostgreSQL: `VACUUM (ANALYZE)`
    /// of the bookings, which also sets their visibility map (autovacuum's work) so slot reads can
    /// be index-only; the other tables stay autovacuum's.
    public func gatherStatistics() async throws {
        try await read { db in
            switch flavor {
            case .sqlite: try await db.raw("ANALYZE").run()
            // VACUUM refuses to run in a transaction: hence `read`.
            case .postgres: try await db.raw("VACUUM (ANALYZE) \(ident: BookingRecord.table)").run()
            }
        }
    }
}
