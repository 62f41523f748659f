import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Staff moving a booking: the same conflict check as a new booking, not counting the booking itself.
@Suite struct RescheduleTests {
    @Test(arguments: TestDatabase.flavors)
    func movingToAFreeTimeFreesTheOldSlot(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: nine, in: store).booking

            let moved = try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: hours(2, after: nine))

            #expect(moved.startsAt == hours(2, after: nine))
            #expect(moved.endsAt == hours(3, after: nine))
            #expect(moved.sequence == booking.sequence + 1)
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id) == moved)
            #expect(try await store.offers(studio.instant, at: nine))
            #expect(try await !store.offers(studio.instant, at: hours(2, after: nine)))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func movingOntoAnotherBookingIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: nine, in: store).booking
            try await studio.book(studio.instant, at: hours(2, after: nine), in: store, customer: "Linus")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: hours(2, after: nine))
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id)?.startsAt == nine)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aBookingMayMoveOverlappingItsOwnOldTime(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let halfHourly = try await studio.addService("Half-hourly", in: store) { $0.slotIntervalMinutes = 30 }
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(halfHourly, at: nine, in: store).booking

            let moved = try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: hours(0.5, after: nine))

            #expect(moved.startsAt == hours(0.5, after: nine))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func movingOutsideTheHoursIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: nine, in: store).booking

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: hours(-2, after: nine))
            }

            #expect(error?.code == .outsideAvailability)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aCancelledBookingCannotBeMoved(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: nine, in: store).booking
            _ = try await store.desk.decide(.cancel, bookingId: booking.id, workspaceId: studio.workspace.id)

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: hours(1, after: nine))
            }

            #expect(error?.code == .invalidState)
            #expect(try await store.offers(studio.instant, at: hours(1, after: nine)))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func staffCannotMoveABookingIntoThePast(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: nine, in: store).booking
            time.advance(by: nine.timeIntervalSince(time.now()) + 3 * 86_400)
            let lastWeek = studio.opening(after: time.now().addingTimeInterval(-7 * 86_400))

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.reschedule(bookingId: booking.id, workspaceId: studio.workspace.id, to: lastWeek)
            }

            #expect(error?.code == .tooSoon)
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id)?.startsAt == nine)
        }
    }
}
