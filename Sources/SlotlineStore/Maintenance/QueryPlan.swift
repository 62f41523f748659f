import SQLKit

extension Database {
    /// The database's plan for `statement`, one line per step, as it would run it now.
    public func queryPlan(of statement: SQLQueryString) async throws -> [String] {
        try await read { db in
            switch flavor {
            case .sqlite:
                return try await db.raw("EXPLAIN QUERY PLAN " + statement).all().map { try $0.decode(column: "detail", as: String.self) }
            case .postgres:
                return try await db.raw("EXPLAIN " + statement).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
            }
        }
    }
}

extension JobQueue {
    /// The plan of a claim's scan for due jobs, taking `limit` of them: it should read an index, not every job.
    public func dueScanPlan(limit: Int = 10) async throws -> [String] {
        try await database.database.queryPlan(of: Self.due(now: time.now().unixSeconds) + " LIMIT \(unsafeRaw: String(limit))")
    }
}
