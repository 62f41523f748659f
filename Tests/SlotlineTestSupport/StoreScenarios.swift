import Foundation
import Logging
import SlotlineCore
import SlotlineStore
import SQLKit

// Small builders shared by the store tests, so each test reads as setup / call / check.

/// Monday 2030-06-03 12:00:00 UTC: a fixed, whole-second "now", so stored times compare exactly.
/// Tests move it forward with `advance(by:)` instead of sleeping.
public let testNow = Date(timeIntervalSince1970: 1_906_718_400)

public func testClock() -> TimeSource { TimeSource(fixed: testNow) }

/// A fresh store on `flavor` holding one studio, with the clock the store reads.
public func withStudio<T>(_ flavor: SQLFlavor, _ body: (Store, Studio, TimeSource) async throws -> T) async throws -> T {
    let time = testClock()
    return try await TestDatabase.withStore(flavor, time: time) { store in
        try await body(store, try await Studio.create(in: store), time)
    }
}

/// `count` handles on one fresh, unmigrated database, shut down afterwards: separate pools on
/// PostgreSQL (replicas); on SQLite one pool repeated, as a SQLite file serves one process.
public func withBareDatabases<T>(_ flavor: SQLFlavor, count: Int, _ body: ([Database]) async throws -> T) async throws -> T {
    try await TestDatabase.withTurn(flavor) {
        let url = try await TestDatabase.freshURL(flavor)
        let databases = try flavor == .postgres
            ? (0..<count).map { _ in try Database(url, logger: TestDatabase.logger) }
            : Array(repeating: try Database(url, logger: TestDatabase.logger), count: count)
        do {
            let result = try await body(databases)
            for database in databases { await database.shutdown() }  // a second shutdown of one pool does nothing
            return result
        } catch {
            for database in databases { await database.shutdown() }
            throw error
        }
    }
}

extension Store {
    /// Rows in `table`, counted by the database itself.
    public func count(_ table: String) async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Jobs of one kind, in any state.
    public func countJobs(_ kind: String) async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind)").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// The state column of a booking as stored.
    public func storedState(ofBooking id: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT state FROM bookings WHERE id = \(bind: id)").first()?.decode(column: "state", as: String.self)
        }
    }

}

extension Studio {


    /// Saves a variant of the instant service (buffers, notice, policy…) and returns it.
    public func addService(_ name: String, in store: Store, _ configure: (inout Service) -> Void) async throws -> Service {
        var service = Service(id: Secrets.newID(), workspaceId: workspace.id, name: name, durationMinutes: 60,
                              practitionerIds: [practitioner.id])
        configure(&service)
        try await store.services.save(try service.validated(), now: store.time.now())
        return service
    }
}

/// An hour after `date`, `hours` times.
public func hours(_ hours: Double, after date: Date) -> Date { date.addingTimeInterval(hours * 3600) }
