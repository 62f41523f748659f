import Foundation
import Logging
import SlotlineCore
import SQLKit

/// Everything persistent, on one database: repositories, each call in a transaction of its own,
/// or several in one through `write`.
public struct Store: Sendable {
    public let database: Database
    public let time: TimeSource
    public let manageTokens: ManageTokens

    /// `secretKey` is the server key: manage tokens are derived from it.
    public init(database: Database, time: TimeSource = .system, secretKey: Data) {
        self.database = database
        self.time = time
        self.manageTokens = ManageTokens(key: secretKey)
    }

    /// Opens the database and brings its schema up to date; `connections` caps this process's
    /// connections (nil: four per core).
    public static func open(_ url: DatabaseURL, time: TimeSource = .system, secretKey: Data, logger: Logger,
                            connections: Int? = nil) async throws -> Store {
        // On SQLite, migrations run on a handle of their own, closed before the serving pool opens: a
        // connection that read the schema before an ALTER TABLE describes `SELECT *` rows by the old
        // columns until it is reopened. PostgreSQL migrates on the serving pool.
        if case .sqlite = url {
            let migrating = try Database(url, logger: logger, connections: 1)
            do {
                try await Migrator(database: migrating).migrate()
            } catch {
                await migrating.shutdown()
                throw error
            }
            await migrating.shutdown()
            return Store(database: try Database(url, logger: logger, connections: connections), time: time, secretKey: secretKey)
        }
        let database = try Database(url, logger: logger, connections: connections)
        do {
            try await Migrator(database: database).migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return Store(database: database, time: time, secretKey: secretKey)
    }

    /// The one transaction seam: everything `body` does through its repositories commits together
    /// or not at all. On SQLite writers take turns; on PostgreSQL they run side by side under row locks.
    public func write<T>(_ body: (Repositories) async throws -> T) async throws -> T {
        try await database.write { db in try await body(Repositories(access: Access(database, transaction: db), time: time)) }
    }

    /// Several reads on one connection, outside a transaction: each sees what is committed.
    public func read<T>(_ body: (Repositories) async throws -> T) async throws -> T {
        try await database.read { db in try await body(Repositories(access: Access(database, readingOn: db), time: time)) }
    }

    /// True when the database takes one write transaction at a time (SQLite): callers gain by
    /// sharing transactions rather than queueing for them.
    public var writesOneAtATime: Bool { database.flavor == .sqlite }

    /// Answers when the database answers a trivial query.
    public func ping() async throws {
        try await database.read { db in _ = try await db.raw("SELECT 1").all() }
    }

    public var flavorName: String { database.flavor.rawValue }

    private var repositories: Repositories { Repositories(access: Access(database), time: time) }

    public var workspaces: Workspaces { repositories.workspaces }
    public var staff: Staff { repositories.staff }
    public var practitioners: Practitioners { repositories.practitioners }
    public var services: Services { repositories.services }
    public var bookings: Bookings { repositories.bookings }
    public var history: BookingHistory { repositories.history }
    public var idempotencyKeys: IdempotencyKeys { repositories.idempotencyKeys }
    public var jobs: JobQueue { repositories.jobs }
    public var outbox: Outbox { repositories.outbox }
    public var webhooks: Webhooks { repositories.webhooks }
    public var connections: Connections { repositories.connections }
    public var meetings: Meetings { repositories.meetings }
    public var audit: AuditLog { repositories.audit }
    public var lines: Lines { repositories.lines }
    public var videoMeetings: VideoMeetings { repositories.videoMeetings }
    public var conferences: Conferences { repositories.conferences }
    public var chatAccounts: ChatAccounts { repositories.chatAccounts }

    public func shutdown() async { await database.shutdown() }
}

/// The repositories, bound either to the pool (each call its own statement or transaction) or to
/// one open transaction.
public struct Repositories: Sendable {
    let access: Access
    public let time: TimeSource

    public var workspaces: Workspaces { Workspaces(database: access) }
    public var staff: Staff { Staff(database: access) }
    public var practitioners: Practitioners { Practitioners(database: access) }
    public var services: Services { Services(database: access) }
    public var bookings: Bookings { Bookings(database: access) }
    public var history: BookingHistory { BookingHistory(database: access) }
    public var idempotencyKeys: IdempotencyKeys { IdempotencyKeys(database: access) }
    public var jobs: JobQueue { JobQueue(database: access, time: time) }
    public var outbox: Outbox { Outbox(database: access, time: time) }
    public var webhooks: Webhooks { Webhooks(database: access, time: time) }
    public var connections: Connections { Connections(database: access, time: time) }
    public var meetings: Meetings { Meetings(database: access, time: time) }
    public var audit: AuditLog { AuditLog(database: access, time: time) }
    public var lines: Lines { Lines(database: access) }
    public var videoMeetings: VideoMeetings { VideoMeetings(database: access) }
    public var conferences: Conferences { Conferences(database: access) }
    public var chatAccounts: ChatAccounts { ChatAccounts(database: access) }
}
