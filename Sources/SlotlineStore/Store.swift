import Foundation
import Logging
import SlotlineCore

/// Everything persistent, on one database.
public struct Store: Sendable {
    public let database: Database
    public let time: TimeSource
    public let manageTokens: ManageTokens
    let submissions = SubmissionBatcher()

    /// `secretKey` is the server key: manage tokens are derived from it.
    public init(database: Database, time: TimeSource = .system, secretKey: Data) {
        self.database = database
        self.time = time
        self.manageTokens = ManageTokens(key: secretKey)
    }

    /// Opens the database and brings its schema up to date.
    /// Opens (and migrates) the database; `connections` caps this process's connections (nil: four per core).
    public static func open(_ url: DatabaseURL, time: TimeSource = .system, secretKey: Data, logger: Logger,
                            connections: Int? = nil) async throws -> Store {
        let database = try Database(url, logger: logger, connections: connections)
        do {
            try await Migrator(database: database).migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return Store(database: database, time: time, secretKey: secretKey)
    }

    public var workspaces: Workspaces { Workspaces(database: database) }
    public var staff: Staff { Staff(database: database) }
    public var practitioners: Practitioners { Practitioners(database: database) }
    public var services: Services { Services(database: database) }
    public var bookings: Bookings { Bookings(database: database) }
    public var desk: BookingDesk { BookingDesk(database: database, time: time, manageTokens: manageTokens, submissions: submissions) }
    public var jobs: JobQueue { JobQueue(database: database, time: time) }
    public var slots: SlotQuery { SlotQuery(database: database, time: time) }
    public var outbox: Outbox { Outbox(database: database, time: time) }
    public var webhooks: Webhooks { Webhooks(database: database, time: time) }
    public var reminders: Reminders { Reminders(database: database, time: time) }
    public var connections: Connections { Connections(database: database, time: time) }
    public var meetings: Meetings { Meetings(database: database, time: time) }
    public var audit: AuditLog { AuditLog(database: database, time: time) }

    public func shutdown() async { await database.shutdown() }
}
