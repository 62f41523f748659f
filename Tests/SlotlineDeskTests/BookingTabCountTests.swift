import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The bookings list's tab counts: the same bookings as each tab lists, and a long history counted
/// only up to `Bookings.countLimit`.
@Suite struct BookingTabCountTests {
    /// A booking written straight into the store, as one made long ago would be.
    static func stored(_ studio: Studio, _ service: Service, state: BookingState, at start: Date, request: ChangeRequest? = nil) -> Booking {
        Booking(id: Secrets.newID(), workspaceId: studio.workspace.id, serviceId: service.id, practitionerId: studio.practitioner.id,
                state: state, startsAt: start, endsAt: start.addingTimeInterval(3600), customer: studio.customer(), request: request,
                createdAt: start, updatedAt: start)
    }

    @Test(arguments: TestDatabase.flavors)
    func eachTabCountsWhatItLists(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let now = time.now()
            let nine = studio.opening(after: now)
            let asking = ChangeRequest(kind: .cancel, reason: "ill", requestedAt: now)
            let bookings = [
                Self.stored(studio, studio.manual, state: .pending, at: nine),
                Self.stored(studio, studio.manual, state: .pending, at: hours(-50, after: now)),
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(2, after: nine), request: asking),
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(-30, after: now), request: asking),
                Self.stored(studio, studio.paid, state: .awaitingPayment, at: hours(3, after: nine)),
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(4, after: nine)),
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(-0.5, after: now)),
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(-72, after: now)),
                Self.stored(studio, studio.instant, state: .cancelled, at: hours(5, after: nine)),
                Self.stored(studio, studio.manual, state: .declined, at: hours(-80, after: now)),
                Self.stored(studio, studio.paid, state: .expired, at: hours(6, after: nine)),
            ]
            try await store.bookings.insert(bookings, manageTokenHashes: bookings.map { Secrets.hash($0.id) })

            let counts = try await store.bookings.counts(workspaceId: studio.workspace.id, now: now)

            for tab in BookingTab.allCases {
                let listed = try await store.bookings.list(workspaceId: studio.workspace.id, tab: tab, now: now, limit: 500, offset: 0)
                #expect(counts[tab] == listed.count, "\(tab)")
            }
            #expect(counts == [.pending: 4, .awaitingPayment: 1, .upcoming: 3, .past: 2, .cancelled: 3])
            let filtered = try await store.bookings.counts(workspaceId: studio.workspace.id, now: now,
                                                           filter: BookingFilter(serviceId: studio.manual.id))
            #expect(filtered == [.pending: 2, .awaitingPayment: 0, .upcoming: 0, .past: 0, .cancelled: 1])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aLongHistoryIsCountedUpToTheLimit(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let now = time.now()
            let past = (1...(Bookings.countLimit + 20)).map { Self.stored(studio, studio.instant, state: .confirmed, at: hours(-2 * Double($0), after: now)) }
            let requests = (1...(Bookings.countLimit - 1)).map {
                Self.stored(studio, studio.instant, state: .confirmed, at: hours(-2 * Double($0) - 1, after: now),
                            request: ChangeRequest(kind: .cancel, requestedAt: now))
            }
            let pending = (1...5).map { Self.stored(studio, studio.manual, state: .pending, at: hours(-2 * Double($0) - 0.5, after: now)) }
            let all = past + requests + pending
            try await store.bookings.insert(all, manageTokenHashes: all.map { Secrets.hash($0.id) })

            let counts = try await store.bookings.counts(workspaceId: studio.workspace.id, now: now)

            #expect(counts[.past] == Bookings.countLimit + 1)
            #expect(counts[.pending] == Bookings.countLimit + 1, "99 requests and 5 pending bookings are past the limit together")
            #expect(counts[.upcoming] == 0)
        }
    }
}
