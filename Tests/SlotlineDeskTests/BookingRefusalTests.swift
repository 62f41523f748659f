import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Submissions the rules refuse: each names its reason and leaves no booking and no job behind.
@Suite struct BookingRefusalTests {
    /// Submits `request`, expecting `code`, and checks that nothing was written.
    func expectRefusal(_ code: ErrorCode, of request: NewBooking, by studio: Studio, byStaff: Bool = false,
                       in store: Store) async throws {
        let bookings = try await store.count("bookings")
        let jobs = try await store.count("jobs")

        let error = await #expect(throws: SlotlineError.self) {
            try await store.desk.submit(request, workspaceId: studio.workspace.id, byStaff: byStaff)
        }

        #expect(error?.code == code)
        #expect(try await store.count("bookings") == bookings)
        #expect(try await store.count("jobs") == jobs)
    }

    @Test(arguments: TestDatabase.flavors)
    func aTimeOutsideTheHoursIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())

            try await expectRefusal(.outsideAvailability, of: studio.request(studio.paid, at: hours(-1, after: nine)), by: studio, in: store)
            try await expectRefusal(.offSlotGrid, of: studio.request(studio.paid, at: hours(0.5, after: nine)), by: studio, in: store)
            try await expectRefusal(.outsideAvailability, of: studio.request(studio.paid, at: hours(8, after: nine)), by: studio, in: store)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aTimeInsideTheMinimumNoticeIsRefusedToCustomersOnly(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let planned = try await studio.addService("Planned", in: store) { $0.minimumNoticeMinutes = 3 * 24 * 60 }
            let request = studio.request(planned, at: studio.opening(daysAhead: 2, after: time.now()))

            try await expectRefusal(.tooSoon, of: request, by: studio, in: store)

            let byStaff = try await store.desk.submit(request, workspaceId: studio.workspace.id, byStaff: true)
            #expect(byStaff.booking.state == .confirmed)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aTimeThatHasPassedIsTooSoon(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let yesterday = studio.opening(daysAhead: -1, after: time.now())

            try await expectRefusal(.tooSoon, of: studio.request(studio.paid, at: yesterday), by: studio, in: store)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aTimeBeyondTheAdvanceWindowIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let farAhead = studio.opening(daysAhead: 100, after: time.now())

            try await expectRefusal(.tooFarAhead, of: studio.request(studio.paid, at: farAhead), by: studio, in: store)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aTakenSlotIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.paid, at: nine, in: store)

            try await expectRefusal(.slotUnavailable, of: studio.request(studio.paid, at: nine, customer: "Linus"), by: studio, in: store)
            try await expectRefusal(.slotUnavailable, of: studio.request(studio.instant, at: nine, customer: "Linus"), by: studio,
                                    byStaff: true, in: store)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func badInputIsRefusedBeforeAnythingIsWritten(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            var badEmail = studio.request(studio.paid, at: nine)
            badEmail.customer.email = "grace"
            var unknownService = studio.request(studio.paid, at: nine)
            unknownService.serviceId = "no-such-service"
            var strangePractitioner = studio.request(studio.paid, at: nine)
            strangePractitioner.practitionerId = "no-such-practitioner"

            try await expectRefusal(.invalidParameter, of: badEmail, by: studio, in: store)
            try await expectRefusal(.notFound, of: unknownService, by: studio, in: store)
            try await expectRefusal(.invalidParameter, of: strangePractitioner, by: studio, in: store)
            try await expectRefusal(.invalidParameter, of: studio.request(studio.paid, at: nine, seats: 2), by: studio, in: store)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anInactiveServiceCannotBeBooked(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            var retired = studio.instant
            retired.active = false
            try await store.services.save(retired, now: time.now())

            try await expectRefusal(.notFound, of: studio.request(retired, at: studio.opening(after: time.now())), by: studio, in: store)
        }
    }
}
