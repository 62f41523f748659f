import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport

extension Studio {
    /// A confirmed booking written straight into the store (the desk's checks are not what store tests test).
    func insertConfirmed(_ service: Service, at start: Date, in store: Store) async throws -> Booking {
        let booking = Booking(id: Secrets.newID(), workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner.id,
                              state: .confirmed, startsAt: start, endsAt: start.addingTimeInterval(Double(service.durationMinutes) * 60),
                              customer: customer(), createdAt: store.time.now(), updatedAt: store.time.now())
        try await store.bookings.insert([booking], manageTokenHashes: [Secrets.hash(booking.id)])
        return booking
    }
}

/// A job handler made of a closure, for tests.
struct TestJobHandler: JobHandler {
    let kind: String
    let body: @Sendable (Job) async throws -> Void

    init(_ kind: String, _ body: @escaping @Sendable (Job) async throws -> Void) {
        self.kind = kind
        self.body = body
    }

    func run(_ job: Job) async throws { try await body(job) }
}

struct HandlerFailure: Error, CustomStringConvertible {
    var description: String { "mail server said no" }
}

/// Which jobs ran, and how often, across workers.
actor Executions {
    private(set) var jobIds: [String] = []

    func record(_ job: Job) { jobIds.append(job.id) }
}
