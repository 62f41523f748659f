import SlotlineStore

/// A handler of one kind in the job catalog: it is given the payload as the type the job was
/// enqueued with, so the two ends cannot disagree about its fields.
protocol PayloadHandler: JobHandler {
    associatedtype Payload: JobPayload
    func run(_ payload: Payload, job: Job) async throws
}

extension PayloadHandler {
    var kind: String { Payload.kind.rawValue }

    func run(_ job: Job) async throws {
        try await run(try job.payload(as: Payload.self), job: job)
    }
}
