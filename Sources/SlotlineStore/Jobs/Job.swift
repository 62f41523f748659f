import Foundation

/// A side effect to run after a commit: written in the same transaction as its cause.
public struct Job: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable { case queued, running, done, failed }

    public var id: String
    public var kind: String
    public var payload: String
    public var workspaceId: String?
    /// What the job is about (`booking:<id>`), so a booking's pending jobs can be found and replaced.
    public var subject: String?
    public var state: State
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var leaseUntil: Date?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
}

struct JobRecord: Codable, Sendable {
    static let table = "jobs"
    var id: String
    var kind: String
    var payload: String
    var workspaceId: String?
    var subject: String?
    var state: String
    var attempts: Int
    var maxAttempts: Int
    var runAt: Int64
    var leaseUntil: Int64?
    var lockedBy: String?
    var lastError: String?
    var createdAt: Int64
    var updatedAt: Int64

    var model: Job {
        Job(id: id, kind: kind, payload: payload, workspaceId: workspaceId, subject: subject, state: Job.State(rawValue: state) ?? .failed,
            attempts: attempts, maxAttempts: maxAttempts, runAt: Date(unixSeconds: runAt),
            leaseUntil: leaseUntil.map(Date.init(unixSeconds:)), lastError: lastError,
            createdAt: Date(unixSeconds: createdAt), updatedAt: Date(unixSeconds: updatedAt))
    }
}

/// A job to add: what to run, for whom, and when.
public struct NewJob: Sendable {
    public static let defaultAttempts = 8

    var kind: String
    var payload: String
    var workspaceId: String?
    var subject: String?
    /// Nil: at once.
    var runAt: Date?
    var maxAttempts: Int

    /// A job of a kind in the catalog, its payload written as that kind's handler reads it.
    public init<P: JobPayload>(_ payload: P, workspaceId: String?, subject: String? = nil, runAt: Date? = nil,
                               maxAttempts: Int = NewJob.defaultAttempts) {
        self.init(kind: P.kind.rawValue, payload: Row.json(payload), workspaceId: workspaceId, subject: subject, runAt: runAt,
                  maxAttempts: maxAttempts)
    }

    init(kind: String, payload: String, workspaceId: String?, subject: String?, runAt: Date?, maxAttempts: Int) {
        self.kind = kind
        self.payload = payload
        self.workspaceId = workspaceId
        self.subject = subject
        self.runAt = runAt
        self.maxAttempts = maxAttempts
    }
}

extension Job {
    /// The payload as its kind's type; a job of another kind, or an unreadable payload, will never
    /// become readable, so the job is parked.
    public func payload<P: JobPayload>(as type: P.Type) throws -> P {
        guard kind == P.kind.rawValue, let payload = try? Row.decodeJSON(P.self, payload) else {
            throw JobError.permanent("unreadable payload")
        }
        return payload
    }
}
