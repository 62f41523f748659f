import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A bulk load writes rows as given, only faster: the bookings, and jobs such as their reminders.
@Suite struct BulkLoadTests {
    @Test(arguments: TestDatabase.flavors)
    func loadedBookingsAndRemindersAreThoseServingWouldKeep(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            // More than one statement's worth of rows.
            let bookings = (0..<600).map { hour in Self.confirmed(in: studio, at: testNow.addingTimeInterval(Double(48 + hour) * 3600)) }

            try await store.bulkLoad.insert(bookings)
            try await store.bulkLoad.enqueue(Self.reminders(of: bookings, offsetsMinutes: [1440, 60]))

            let last = try #require(bookings.last)
            #expect(try await store.count("bookings") == 600)
            #expect(try await store.count("jobs") == 1200)
            #expect(try await store.bookings.find(id: last.id, workspaceId: studio.workspace.id) == last)
            #expect(try await store.jobs.queued(ReminderDue.self, subject: JobSubject.booking(last.id)).map(\.offsetMinutes) == [1440, 60])
        }
    }

    @Test func theDueScanReadsTheReadyIndex() async throws {
        try await withStudio(.sqlite) { store, studio, _ in
            let booking = Self.confirmed(in: studio, at: testNow.addingTimeInterval(3 * 86_400))
            try await store.bulkLoad.insert([booking])
            try await store.bulkLoad.enqueue(Self.reminders(of: [booking], offsetsMinutes: [1440, 60]))
            try await store.database.gatherStatistics()

            let plan = try await store.jobs.dueScanPlan()

            #expect(plan.contains { $0.hasPrefix("SEARCH jobs USING") && $0.contains("INDEX jobs_ready") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN jobs") || $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    /// A reminder job per booking and offset, due `offset` minutes before the booking.
    static func reminders(of bookings: [Booking], offsetsMinutes: [Int]) -> [NewJob] {
        bookings.flatMap { booking in
            offsetsMinutes.map { offset in
                NewJob(ReminderDue(bookingId: booking.id, workspaceId: booking.workspaceId, offsetMinutes: offset, startsAt: booking.startsAt),
                       workspaceId: booking.workspaceId, subject: JobSubject.booking(booking.id),
                       runAt: booking.startsAt.addingTimeInterval(-Double(offset) * 60))
            }
        }
    }

    /// A confirmed booking of the studio's instant service, an hour from `start`.
    static func confirmed(in studio: Studio, at start: Date) -> Booking {
        Booking(id: Secrets.newID(), workspaceId: studio.workspace.id, serviceId: studio.instant.id, practitionerId: studio.practitioner.id,
                state: .confirmed, startsAt: start, endsAt: start.addingTimeInterval(3600), customer: studio.customer(),
                createdAt: testNow, updatedAt: testNow)
    }
}
