import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A paid service holds its slot for the payment window; an expiry job ends an unpaid hold.
@Suite struct PaymentHoldTests {
    struct ExpirePayload: Decodable, Equatable {
        let bookingId: String
        let workspaceId: String
    }

    /// Claims the due expiry jobs and runs what the expiry handler runs, as a worker would.
    func runDueExpiryJobs(in store: Store) async throws -> [Bool] {
        var results: [Bool] = []
        for job in try await store.jobs.claim(worker: "test-worker", limit: 10, lease: 60) {
            // The booking's event jobs (messages, webhooks) are another worker's business here.
            guard job.kind == JobKind.bookingExpire.rawValue else {
                try await store.jobs.complete(job, worker: "test-worker")
                continue
            }
            let payload = try JSONDecoder().decode(ExpirePayload.self, from: Data(job.payload.utf8))
            results.append(try await store.desk.expire(bookingId: payload.bookingId, workspaceId: payload.workspaceId))
            try await store.jobs.complete(job, worker: "test-worker")
        }
        return results
    }

    @Test(arguments: TestDatabase.flavors)
    func aPaidServiceHoldsTheSlotWhileWaitingForPayment(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())

            let booking = try await studio.book(studio.paid, at: start, in: store).booking

            #expect(booking.state == .awaitingPayment)
            #expect(booking.holdExpiresAt == time.now().addingTimeInterval(30 * 60))
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id)?.holdExpiresAt == booking.holdExpiresAt)
            #expect(try await !store.offers(studio.paid, at: start))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theExpiryJobIsWrittenWithTheBookingDueWhenTheHoldEnds(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking

            let jobs = try await store.jobs.list(state: nil, workspaceId: studio.workspace.id).filter { $0.kind == JobKind.bookingExpire.rawValue }

            #expect(jobs.count == 1)
            #expect(jobs.first?.kind == JobKind.bookingExpire.rawValue)
            #expect(jobs.first?.state == .queued)
            #expect(jobs.first?.runAt == booking.holdExpiresAt)
            let payload = try JSONDecoder().decode(ExpirePayload.self, from: Data(try #require(jobs.first).payload.utf8))
            #expect(payload == ExpirePayload(bookingId: booking.id, workspaceId: studio.workspace.id))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func bookingsThatNeedNoPaymentWriteNoExpiryJob(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store)

            #expect(try await store.jobs.list(state: nil, workspaceId: nil).filter { $0.kind == JobKind.bookingExpire.rawValue }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func markingPaidConfirmsTheBooking(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking
            time.advance(by: 10 * 60)

            let paid = try await store.desk.decide(.markPaid, bookingId: booking.id, workspaceId: studio.workspace.id)

            #expect(paid.state == .confirmed)
            #expect(paid.paidAt == time.now())
            #expect(paid.holdExpiresAt == nil)
            #expect(try await store.bookings.find(id: booking.id, workspaceId: studio.workspace.id) == paid)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anUnpaidHoldExpiresWhenItsJobRunsAndFreesTheSlot(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            let booking = try await studio.book(studio.paid, at: start, in: store).booking
            #expect(try await runDueExpiryJobs(in: store) == [], "not due before the window closes")

            time.advance(by: 31 * 60)
            let results = try await runDueExpiryJobs(in: store)

            #expect(results == [true])
            #expect(try await store.storedState(ofBooking: booking.id) == "expired")
            #expect(try await store.jobs.list(state: .done, workspaceId: studio.workspace.id).filter { $0.kind == JobKind.bookingExpire.rawValue }.count == 1)
            #expect(try await store.offers(studio.paid, at: start))
            let next = try await studio.book(studio.paid, at: start, in: store, customer: "Linus")
            #expect(next.booking.state == .awaitingPayment)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func expiryDoesNothingOnceTheBookingIsPaid(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking
            _ = try await store.desk.decide(.markPaid, bookingId: booking.id, workspaceId: studio.workspace.id)

            time.advance(by: 31 * 60)
            let results = try await runDueExpiryJobs(in: store)

            #expect(results == [false])
            #expect(try await store.storedState(ofBooking: booking.id) == "confirmed")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func expiryBeforeTheWindowClosesDoesNothing(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking
            time.advance(by: 29 * 60)

            let expired = try await store.desk.expire(bookingId: booking.id, workspaceId: studio.workspace.id)

            #expect(expired == false)
            #expect(try await store.storedState(ofBooking: booking.id) == "awaitingPayment")
        }
    }

    /// A lapsed hold no longer blocks its slot, so a late payment must not confirm a slot sold meanwhile.
    @Test(arguments: TestDatabase.flavors)
    func aLatePaymentCannotTakeBackASlotSoldMeanwhile(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            let late = try await studio.book(studio.paid, at: start, in: store).booking
            time.advance(by: 31 * 60)
            try await studio.book(studio.instant, at: start, in: store, customer: "Linus")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.markPaid, bookingId: late.id, workspaceId: studio.workspace.id)
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await store.storedState(ofBooking: late.id) == "awaitingPayment")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aLatePaymentForAStillFreeSlotConfirms(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let late = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking
            time.advance(by: 31 * 60)

            let paid = try await store.desk.decide(.markPaid, bookingId: late.id, workspaceId: studio.workspace.id)

            #expect(paid.state == .confirmed)
            #expect(try await runDueExpiryJobs(in: store) == [false])
        }
    }
}
