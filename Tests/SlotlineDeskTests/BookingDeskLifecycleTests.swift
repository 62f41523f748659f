import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Submitting and deciding bookings through the store (SPEC §3).
@Suite struct BookingDeskLifecycleTests {
    @Test(arguments: TestDatabase.flavors)
    func anInstantServiceIsConfirmedAtOnce(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())

            let submitted = try await studio.book(studio.instant, at: start, in: store)

            #expect(submitted.booking.state == .confirmed)
            #expect(submitted.replayed == false)
            #expect(try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id) == submitted.booking)
            #expect(try await store.bookings.find(manageToken: submitted.manageToken)?.id == submitted.booking.id)
            #expect(try await !store.offers(studio.instant, at: start))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aManualServiceWaitsForStaffThenIsConfirmed(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.manual, at: studio.opening(after: time.now()), in: store).booking
            #expect(booking.state == .pending)

            let accepted = try await store.desk.decide(.accept, bookingId: booking.id, workspaceId: studio.workspace.id)

            #expect(accepted.state == .confirmed)
            #expect(try await store.storedState(ofBooking: booking.id) == "confirmed")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aDeclinedRequestFreesItsSlot(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            let booking = try await studio.book(studio.manual, at: start, in: store).booking
            #expect(try await !store.offers(studio.manual, at: start))

            let declined = try await store.desk.decide(.decline, bookingId: booking.id, workspaceId: studio.workspace.id)

            #expect(declined.state == .declined)
            #expect(try await store.storedState(ofBooking: booking.id) == "declined")
            #expect(try await store.offers(studio.manual, at: start))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func cancellingFreesTheSlotForTheNextCustomer(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            let booking = try await studio.book(studio.instant, at: start, in: store).booking

            let cancelled = try await store.desk.decide(.cancel, bookingId: booking.id, workspaceId: studio.workspace.id)

            #expect(cancelled.state == .cancelled)
            let next = try await studio.book(studio.instant, at: start, in: store, customer: "Linus")
            #expect(next.booking.state == .confirmed)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aDecisionTheStateDoesNotAllowIsRefusedAndChangesNothing(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store).booking

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.accept, bookingId: booking.id, workspaceId: studio.workspace.id)
            }

            #expect(error?.code == .invalidState)
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id) == booking)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aCancelledBookingCannotBeCancelledAgain(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store).booking
            _ = try await store.desk.decide(.cancel, bookingId: booking.id, workspaceId: studio.workspace.id)

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.cancel, bookingId: booking.id, workspaceId: studio.workspace.id)
            }

            #expect(error?.code == .invalidState)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anotherWorkspaceCannotDecideOnABooking(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store).booking
            let other = try await Studio.create(in: store, slug: "other")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.cancel, bookingId: booking.id, workspaceId: other.workspace.id)
            }

            #expect(error?.code == .notFound)
            #expect(try await store.storedState(ofBooking: booking.id) == "confirmed")
        }
    }
}
