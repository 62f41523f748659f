import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A client retrying a submission with the same Idempotency-Key gets the first answer, never a second booking.
@Suite struct IdempotencyTests {
    @discardableResult
    func submit(_ studio: Studio, _ store: Store, at start: Date, key: String, hash: String) async throws -> SubmittedBooking {
        try await store.desk.submit(studio.request(studio.paid, at: start), workspaceId: studio.workspace.id, byStaff: false,
                                    idempotency: IdempotencyKey(key: key, requestHash: hash))
    }

    @Test(arguments: TestDatabase.flavors)
    func aRetryWithTheSameKeyReturnsTheSameBooking(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            let first = try await submit(studio, store, at: start, key: "retry-1", hash: "h1")

            let again = try await submit(studio, store, at: start, key: "retry-1", hash: "h1")

            #expect(first.replayed == false)
            #expect(again.replayed == true)
            #expect(again.booking == first.booking)
            #expect(again.manageToken == first.manageToken)
            #expect(try await store.count("bookings") == 1)
            #expect(try await store.countJobs(JobKind.bookingEvent.rawValue) == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theSameKeyWithADifferentRequestIsAConflict(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let start = studio.opening(after: time.now())
            try await submit(studio, store, at: start, key: "retry-1", hash: "h1")

            let error = await #expect(throws: SlotlineError.self) {
                try await submit(studio, store, at: hours(1, after: start), key: "retry-1", hash: "h2")
            }

            #expect(error?.code == .idempotencyConflict)
            #expect(error?.field == "Idempotency-Key")
            #expect(try await store.count("bookings") == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func keysBelongToOneWorkspace(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let other = try await Studio.create(in: store, slug: "other")
            let start = studio.opening(after: time.now())
            let first = try await submit(studio, store, at: start, key: "retry-1", hash: "h1")

            let elsewhere = try await submit(other, store, at: start, key: "retry-1", hash: "h1")

            #expect(elsewhere.replayed == false)
            #expect(elsewhere.booking.id != first.booking.id)
            #expect(try await store.count("bookings") == 2)
        }
    }

    /// A double-click reaching two replicas at once: one booking, and both answers name it.
    @Test(arguments: TestDatabase.flavors)
    func concurrentRetriesMakeOneBooking(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])
            let start = studio.opening(after: time.now())

            let answers = try await withThrowingTaskGroup(of: SubmittedBooking.self) { group in
                for index in 0..<10 {
                    let store = stores[index % stores.count]
                    group.addTask { try await submit(studio, store, at: start, key: "double-click", hash: "h1") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(Set(answers.map(\.booking.id)).count == 1)
            #expect(answers.filter { !$0.replayed }.count == 1)
            #expect(try await stores[0].count("bookings") == 1)
        }
    }
}
