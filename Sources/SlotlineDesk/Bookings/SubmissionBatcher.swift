import Foundation
import SlotlineCore

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
            // Callers just answered get to queue their next submission first, so groups fill up
            // instead of alternating one and the rest (bench, 8 callers: ~1,900 → ~2,400 per second).
            await Task.yield()
            let batch = Array(waiting.prefix(Self.maximum))
            waiting.removeFirst(batch.count)
            // Submissions arriving meanwhile queue for the next round (the actor is free while this awaits).
            let results = await desk.placeTogether(batch.map(\.0))
            for ((_, continuation), result) in zip(batch, results) { continuation.resume(with: result) }
        }
        draining = false
    }
}
