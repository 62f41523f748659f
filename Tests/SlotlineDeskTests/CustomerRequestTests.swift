import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Reschedule and cancellation requests from the customer's manage page, decided by staff or by policy.
@Suite struct CustomerRequestTests {
    @Test(arguments: TestDatabase.flavors)
    func aRescheduleRequestWaitsAndApprovalMovesTheBooking(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let eleven = hours(2, after: nine)
            let submitted = try await studio.book(studio.instant, at: nine, in: store)

            let requested = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: eleven, reason: "train late")
            #expect(requested.startsAt == nine)
            #expect(requested.request?.kind == .reschedule)
            #expect(requested.request?.startsAt == eleven)
            #expect(requested.request?.reason == "train late")

            let approved = try await store.desk.decide(.approve, bookingId: submitted.booking.id, workspaceId: studio.workspace.id)

            #expect(approved.startsAt == eleven)
            #expect(approved.request == nil)
            #expect(try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id) == approved)
            #expect(try await store.offers(studio.instant, at: nine))
            #expect(try await !store.offers(studio.instant, at: eleven))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func rejectingARequestKeepsTheBookingWhereItWas(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(studio.instant, at: nine, in: store)
            _ = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: hours(2, after: nine), reason: "")

            let rejected = try await store.desk.decide(.reject, bookingId: submitted.booking.id, workspaceId: studio.workspace.id)

            #expect(rejected.startsAt == nine)
            #expect(rejected.request == nil)
            #expect(try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id)?.request == nil)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anAutomaticPolicyAppliesTheRequestAtOnce(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let flexible = try await studio.addService("Flexible", in: store) { $0.changePolicy = .automatic }
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(flexible, at: nine, in: store)

            let moved = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: hours(3, after: nine), reason: "")

            #expect(moved.startsAt == hours(3, after: nine))
            #expect(moved.endsAt == hours(4, after: nine))
            #expect(moved.request == nil)
            #expect(try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id) == moved)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anApprovedCancellationRequestFreesTheSlot(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(studio.instant, at: nine, in: store)
            _ = try await store.desk.request(.cancel, manageToken: submitted.manageToken, startsAt: nil, reason: "ill")
            #expect(try await !store.offers(studio.instant, at: nine), "still held while staff decide")

            let cancelled = try await store.desk.decide(.approve, bookingId: submitted.booking.id, workspaceId: studio.workspace.id)

            #expect(cancelled.state == .cancelled)
            #expect(try await store.offers(studio.instant, at: nine))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aRequestForATakenTimeIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(studio.instant, at: nine, in: store)
            try await studio.book(studio.instant, at: hours(2, after: nine), in: store, customer: "Linus")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: hours(2, after: nine), reason: "")
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id)?.request == nil)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func approvalRechecksATimeTakenSinceTheRequest(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let eleven = hours(2, after: nine)
            let submitted = try await studio.book(studio.instant, at: nine, in: store)
            _ = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: eleven, reason: "")
            try await studio.book(studio.instant, at: eleven, in: store, customer: "Linus")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.approve, bookingId: submitted.booking.id, workspaceId: studio.workspace.id)
            }

            #expect(error?.code == .slotUnavailable)
            let stored = try await store.bookings.find(id: submitted.booking.id, workspaceId: studio.workspace.id)
            #expect(stored?.startsAt == nine)
            #expect(stored?.request?.startsAt == eleven)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aSecondRequestWaitsForTheFirstToBeDecided(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(studio.instant, at: nine, in: store)
            _ = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: hours(2, after: nine), reason: "")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.request(.cancel, manageToken: submitted.manageToken, startsAt: nil, reason: "")
            }

            #expect(error?.code == .requestAlreadyPending)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aCustomerRequestKeepsTheBookingWindow(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let submitted = try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store)
            let tooFar = studio.opening(daysAhead: 100, after: time.now())

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: tooFar, reason: "")
            }

            #expect(error?.code == .tooFarAhead)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anUnknownManageTokenFindsNothing(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store)

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.request(.cancel, manageToken: "mt_guess", startsAt: nil, reason: "")
            }

            #expect(error?.code == .notFound)
        }
    }
}
