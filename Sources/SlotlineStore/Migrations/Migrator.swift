import Foundation
import Logging
import SQLKit

/// Applies pending migrations, each in its own transaction. Replicas starting together on
/// PostgreSQL take an advisory lock so only one applies a given migration.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]

    public init(database: Database, migrations: [Migration] = Migration.all) {
        self.database = database
        self.migrations = migrations
    }

    /// Returns the versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await database.write { db in
            // Concurrent CREATE TABLE IF NOT EXISTS can still collide on PostgreSQL, so this waits its turn too.
            try await lockAgainstOtherReplicas(db)
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """).run()
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let didApply = try await database.write { db -> Bool in
                try await lockAgainstOtherReplicas(db)
                let done = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                guard done == nil else { return false }
                for statement in migration.statements {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Int64(Date().timeIntervalSince1970)))
                    """).run()
                return true
            }
            if didApply {
                database.logger.info("applied migration", metadata: ["migration.version": "\(migration.version)", "migration.name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// Holds the migration lock until the transaction ends (PostgreSQL; SQLite has one writer anyway).
    private func lockAgainstOtherReplicas(_ db: any SQLDatabase) async throws {
        guard database.flavor == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(7301)").run()
    }
}
