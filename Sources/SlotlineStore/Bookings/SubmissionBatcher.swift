import Foundation
import SlotlineCore
import SQLKit

/// A booking request checked before any transaction, with the id and manage token the booking will have.
struct PreparedSubmission: Sendable {
    let request: NewBooking
    let customer: Customer
    let workspaceId: String
    let byStaff: Bool
    let id: String
    let token: String
}

/// The services and practitioners a set of submissions names, read in the transaction that places
/// them: two statements for the whole group, and nothing read goes stale before the bookings commit.
struct Catalog: Sendable {
    var services: [String: Service]
    var practitioners: [String: Practitioner]

    static func read(for submissions: [PreparedSubmission], in db: any SQLDatabase) async throws -> Catalog {
        let services = try await Services.find(ids: Set(submissions.map(\.request.serviceId)), in: db)
        let wanted = Set(services.values.flatMap(\.practitionerIds)).union(submissions.compactMap(\.request.practitionerId))
        return Catalog(services: services, practitioners: try await Practitioners.find(ids: wanted, in: db))
    }
}

/// Group commit for SQLite's one writer: submissions that arrive while a transaction runs wait and
/// then go together in the next one, each checked against the database and against the bookings
/// placed before it in the same transaction.
actor SubmissionBatcher {
    private var waiting: [(PreparedSubmission, CheckedContinuation<SubmittedBooking, any Error>)] = []
    private var draining = false

    static let maximum = 64

    func submit(_ submission: PreparedSubmission, desk: BookingDesk) async throws -> SubmittedBooking {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((submission, continuation))
            guard !draining else { return }
            draining = true
            Task { await drain(desk) }
        }
    }

    private func drain(_ desk: BookingDesk) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maximum))
            waiting.removeFirst(batch.count)
            // Submissions arriving meanwhile queue for the next round (the actor is free while this awaits).
            let results = await desk.placeTogether(batch.map(\.0))
            for ((_, continuation), result) in zip(batch, results) { continuation.resume(with: result) }
        }
        draining = false
    }
}
