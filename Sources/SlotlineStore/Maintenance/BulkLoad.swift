import Foundation
import SlotlineCore

/// Writes many rows straight into their tables, without the desk's checks, locks and events: for
/// filling a database to measure or test it at size (seeding speed is not what they measure).
public struct BulkLoad: Sendable {
    let database: Database
    let time: TimeSource

    /// Rows per statement: 500 bookings of 29 columns stay well under SQLite's 32,766 bound values.
    static let rowsPerStatement = 500

    /// Inserts the bookings as they are, in one transaction; each gets a manage token no one holds.
    public func insert(_ bookings: [Booking]) async throws {
        try await database.write { db in
            for start in stride(from: 0, to: bookings.count, by: Self.rowsPerStatement) {
                let chunk = Array(bookings[start..<min(start + Self.rowsPerStatement, bookings.count)])
                try await Bookings.insert(chunk, manageTokenHashes: chunk.map { Secrets.hash($0.id) }, in: db)
            }
        }
    }

    /// Inserts video meetings as they are (without participants), in one transaction.
    public func insert(_ meetings: [VideoMeeting]) async throws {
        try await database.write { db in
            for start in stride(from: 0, to: meetings.count, by: Self.rowsPerStatement) {
                try await db.insert(into: VideoMeeting.table).records(Array(meetings[start..<min(start + Self.rowsPerStatement, meetings.count)])).run()
            }
        }
    }

    /// Adds the jobs as they are, in one transaction.
    public func enqueue(_ jobs: [NewJob]) async throws {
        let now = time.now()
        try await database.write { db in
            for start in stride(from: 0, to: jobs.count, by: Self.rowsPerStatement) {
                try await JobQueue.insert(Array(jobs[start..<min(start + Self.rowsPerStatement, jobs.count)]), now: now, in: db)
            }
        }
    }
}

extension Store {
    public var bulkLoad: BulkLoad { BulkLoad(database: database, time: time) }
}
