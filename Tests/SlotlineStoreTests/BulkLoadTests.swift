import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A bulk load writes what serving would have written, only faster: the bookings as given, and
/// the reminders `Reminders.sync` would plan for them.
@Suite struct BulkLoadTests {
    @Test(arguments: TestDatabase.flavors)
    func loadedBookingsAndRemindersAreThoseServingWouldKeep(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            // More than one statement's worth of rows.
            let bookings = (0..<600).map { hour in Self.confirmed(in: studio, at: testNow.addingTimeInterval(Double(48 + hour) * 3600)) }

            try await store.bulkLoad.insert(bookings)
            try await store.bulkLoad.queueReminders(for: bookings, offsetsMinutes: studio.instant.reminderOffsetsMinutes)

            let last = try #require(bookings.last)
            #expect(try await store.count("bookings") == 600)
            #expect(try await store.bookings.find(id: last.id, workspaceId: studio.workspace.id) == last)
            let queued = try await store.reminders.queued(bookingId: last.id)
            #expect(queued.count == studio.instant.reminderOffsetsMinutes.count)
            #expect(try await store.reminders.sync(bookingId: last.id, workspaceId: studio.workspace.id) == queued)
        }
    }

    @Test func theDueScanReadsTheReadyIndex() async throws {
        try await withStudio(.sqlite) { store, studio, _ in
            let booking = Self.confirmed(in: studio, at: testNow.addingTimeInterval(3 * 86_400))
            try await store.bulkLoad.insert([booking])
            try await store.bulkLoad.queueReminders(for: [booking], offsetsMinutes: [1440, 60])
            try await store.database.gatherStatistics()

            let plan = try await store.jobs.dueScanPlan()

            #expect(plan.contains { $0.hasPrefix("SEARCH jobs USING") && $0.contains("INDEX jobs_ready") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN jobs") || $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    /// A confirmed booking of the studio's instant service, an hour from `start`.
    static func confirmed(in studio: Studio, at start: Date) -> Booking {
        Booking(id: Secrets.newID(), workspaceId: studio.workspace.id, serviceId: studio.instant.id, practitionerId: studio.practitioner.id,
                state: .confirmed, startsAt: start, endsAt: start.addingTimeInterval(3600), customer: studio.customer(),
                createdAt: testNow, updatedAt: testNow)
    }
}
