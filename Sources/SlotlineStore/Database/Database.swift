import AsyncKit
import Foundation
import Logging
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit
import Synchronization

/// The two databases Slotline runs on. Queries are written once with SQLKit; the few statements
/// that differ (row locks, write transactions) ask for the flavor.
public enum SQLFlavor: String, Sendable {
    case sqlite, postgres
}

/// A connection pool with read and write-transaction access.
///
/// `@unchecked Sendable`: the pools guard their state with their own locks and are documented as
/// safe to use from any thread; the class itself holds only `let` properties.
public final class Database: @unchecked Sendable {
    public let flavor: SQLFlavor
    public let logger: Logger
    private let sqlitePool: EventLoopGroupConnectionPool<SQLiteSource>?
    private let postgresPool: EventLoopGroupConnectionPool<PostgresConnectionSource>?
    /// SQLite has one writer at a time; writers queue here instead of spinning on SQLITE_BUSY.
    private let writeLock = AsyncLock()
    /// SQLite: copies the write-ahead log back into the database file in the background.
    private let checkpointer = Mutex<Task<Void, Never>?>(nil)

    /// `connections` is the most this process opens, spread over the event loops (at least one
    /// each); nil means four per event loop.
    public init(_ url: DatabaseURL, logger: Logger, connections: Int? = nil) throws {
        self.logger = logger
        let loops = MultiThreadedEventLoopGroup.singleton.makeIterator().reduce(0) { count, _ in count + 1 }
        let maxConnectionsPerEventLoop = connections.map { max(1, $0 / loops) } ?? 4
        switch url {
        case let .sqlite(path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            flavor = .sqlite
            sqlitePool = EventLoopGroupConnectionPool(
                source: SQLiteSource(path: path), maxConnectionsPerEventLoop: maxConnectionsPerEventLoop,
                logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            postgresPool = nil
        case let .postgres(text):
            var configuration = try SQLPostgresConfiguration(url: text)
            if let schema = URLComponents(string: text)?.queryItems?.first(where: { $0.name == "schema" })?.value {
                configuration.searchPath = [schema]
            }
            flavor = .postgres
            postgresPool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            sqlitePool = nil
        }
        if flavor == .sqlite { startCheckpoints() }
    }

    /// Once a second, a checkpoint on a reading connection copies what the log holds into the
    /// database file while writers go on, so a commit rarely has to do it (SQLite's automatic
    /// checkpoint at commit stays as the fallback).
    private func startCheckpoints() {
        checkpointer.withLock { task in
            task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    guard let self, !Task.isCancelled else { return }
                    _ = try? await self.read { db in try await db.raw("PRAGMA wal_checkpoint(PASSIVE)").run() }
                }
            }
        }
    }

    /// Runs queries outside a transaction (each statement sees committed data).
    public func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    /// Runs `body` in one transaction: all of it commits or none of it does.
    public func write<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if flavor == .sqlite { await writeLock.acquire() }
        do {
            let result = try await withConnection { db in
                try await db.raw(SQLQueryString(flavor == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    // Also when cancelled: a connection must not go back to the pool inside a transaction.
                    try? await uncancelled { try await db.raw("ROLLBACK").run() }
                    throw error
                }
            }
            if flavor == .sqlite { await writeLock.release() }
            return result
        } catch {
            if flavor == .sqlite { await writeLock.release() }
            throw error
        }
    }

    /// Locks rows in id order until the transaction ends, with the dialect's exclusive row lock
    /// (`FOR UPDATE` on PostgreSQL), so transactions locking overlapping sets never wait on each
    /// other crosswise. A dialect without row locks needs no statement: SQLite's write transaction
    /// already holds the whole database.
    public func lockRows(_ db: any SQLDatabase, table: String, ids: Set<String>) async throws {
        guard db.dialect.exclusiveSelectLockExpression != nil, !ids.isEmpty else { return }
        try await db.select().column("id").from(table).where("id", .in, ids.sorted()).orderBy("id").for(.update).run()
    }

    public func shutdown() async {
        checkpointer.withLock { $0?.cancel() }
        try? await sqlitePool?.shutdownAsync()
        try? await postgresPool?.shutdownAsync()
    }

    private func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if let pool = sqlitePool {
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(connection.sql())
        }
        let pool = postgresPool!
        let connection = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await body(connection.sql())
    }
}

extension Database {
    /// True when a statement failed on a UNIQUE constraint (a duplicate slug, key or token).
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            return error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
                || (error.reason == .constraint && error.message.contains("UNIQUE"))
        }
        if let error = error as? PSQLError {
            return error.serverInfo?[.sqlState] == "23505"
        }
        return false
    }
}
