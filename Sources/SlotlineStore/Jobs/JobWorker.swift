import Foundation
import Logging
import ServiceLifecycle

/// Runs one kind of job. Throwing retries the job later; `JobError.permanent` parks it at once.
public protocol JobHandler: Sendable {
    var kind: String { get }
    func run(_ job: Job) async throws
}

/// A failure that is the normal course of things: the job waits for another one (a confirmation
/// for its meeting). Retried with the usual backoff, and logged at debug, not as a warning.
public protocol JobWait: Error {}

public enum JobError: Error, Equatable {
    /// Retrying cannot help (the input is wrong, the thing is gone).
    case permanent(String)
    /// Try again after this many seconds, as the other side asked (a 429's Retry-After).
    case retry(after: TimeInterval, reason: String)
}

/// Claims and runs jobs until shutdown. On graceful shutdown it claims nothing new and lets the
/// running job finish; if the job is cancelled instead, the job goes back to the queue.
public struct JobWorker: Service {
    public let name: String
    let queue: JobQueue
    let handlers: [String: any JobHandler]
    let pollInterval: Duration
    let lease: TimeInterval
    let logger: Logger

    public init(name: String, queue: JobQueue, handlers: [any JobHandler], pollInterval: Duration = .milliseconds(500),
                lease: TimeInterval = 300, logger: Logger) {
        self.name = name
        self.queue = queue
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.pollInterval = pollInterval
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let ranOne: Bool
            do {
                ranOne = try await runOnce()
            } catch {
                logger.error("job queue unavailable", metadata: ["error": "\(error)", "worker": "\(name)"])
                ranOne = false
            }
            if !ranOne {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
            }
        }
    }

    /// Claims and runs at most one job; returns false when none was due.
    @discardableResult
    public func runOnce() async throws -> Bool {
        guard let job = try await queue.claim(worker: name, limit: 1, lease: lease).first else { return false }
        var metadata: Logger.Metadata = ["job.id": "\(job.id)", "job.kind": "\(job.kind)", "job.attempt": "\(job.attempts)"]
        if let workspaceId = job.workspaceId { metadata["workspace.id"] = "\(workspaceId)" }
        guard let handler = handlers[job.kind] else {
            logger.error("no handler for job", metadata: metadata)
            try await queue.fail(job, worker: name, error: "no handler for kind \(job.kind)", retryable: false)
            return true
        }
        do {
            try await handler.run(job)
            try await queue.complete(job, worker: name)
            logger.debug("job done", metadata: metadata)
        } catch let JobError.permanent(reason) {
            logger.warning("job failed permanently", metadata: metadata.merging(["error": "\(reason)"]) { $1 })
            try await queue.fail(job, worker: name, error: reason, retryable: false)
        } catch let JobError.retry(after, reason) {
            logger.warning("job deferred, will retry", metadata: metadata.merging(["error": "\(reason)", "job.retryAfter": "\(after)"]) { $1 })
            try await queue.fail(job, worker: name, error: reason, retryAfter: after)
        } catch let wait as any JobWait {
            logger.debug("job waits, will retry", metadata: metadata.merging(["reason": "\(wait)"]) { $1 })
            try await queue.fail(job, worker: name, error: "\(wait)")
        } catch where Task.isCancelled {
            logger.info("job interrupted by shutdown, returned to queue", metadata: metadata)
            try await uncancelled { [queue, name] in try await queue.release(job, worker: name) }
        } catch {
            logger.warning("job failed, will retry", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            try await queue.fail(job, worker: name, error: "\(error)")
        }
        return true
    }
}
