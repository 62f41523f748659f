import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestDatabase.flavors)
    func migratingAgainAppliesNothing(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor) { store in
            let applied = try await Migrator(database: store.database).migrate()

            #expect(applied == [])
            #expect(try await store.count("schema_migrations") == Migration.all.count)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aFreshDatabaseGetsEveryMigrationOnce(flavor: SQLFlavor) async throws {
        try await withBareDatabases(flavor, count: 1) { databases in
            let first = try await Migrator(database: databases[0]).migrate()
            let second = try await Migrator(database: databases[0]).migrate()

            #expect(first == Migration.all.map(\.version))
            #expect(second == [])
        }
    }

    /// Replicas starting together (on SQLite, three starts in one process): each migration is applied once, and none fails.
    @Test(arguments: TestDatabase.flavors)
    func replicasStartingTogetherMigrateOnce(flavor: SQLFlavor) async throws {
        try await withBareDatabases(flavor, count: 3) { databases in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for database in databases { group.addTask { try await Migrator(database: database).migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }

            #expect(applied.sorted() == Migration.all.map(\.version))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theSchemaRefusesABookingInAnUnknownState(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.insertConfirmed(studio.instant, at: studio.opening(after: time.now()), in: store)

            await #expect(throws: (any Error).self) {
                try await store.database.write { db in
                    try await db.raw("UPDATE bookings SET state = 'booked' WHERE id = \(bind: booking.id)").run()
                }
            }

            #expect(try await store.storedState(ofBooking: booking.id) == "confirmed")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theSchemaRefusesABookingThatEndsBeforeItStarts(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.insertConfirmed(studio.instant, at: studio.opening(after: time.now()), in: store)

            await #expect(throws: (any Error).self) {
                try await store.database.write { db in
                    try await db.raw("UPDATE bookings SET ends_at = starts_at WHERE id = \(bind: booking.id)").run()
                }
            }

            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id)?.endsAt == booking.endsAt)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theSchemaRefusesAJobInAnUnknownState(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("test.noop", payload: "{}")
            let job = try #require(try await store.jobs.list(state: nil, workspaceId: nil).first)

            await #expect(throws: (any Error).self) {
                try await store.database.write { db in
                    try await db.raw("UPDATE jobs SET state = 'lost' WHERE id = \(bind: job.id)").run()
                }
            }

            #expect(try await store.jobs.find(id: job.id)?.state == .queued)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func foreignKeysRefuseAPractitionerOfAnUnknownWorkspace(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store throws in
            let orphan = Practitioner(id: Secrets.newID(), workspaceId: "no-such-workspace", name: "Nobody", timeZone: "UTC")

            await #expect(throws: (any Error).self) {
                try await store.practitioners.save(orphan, now: store.time.now())
            }

            #expect(try await store.count("practitioners") == 0)
        }
    }
}
