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

extension Job: TableRecord {
    static let table = "jobs"

    enum Columns {
        static let id = "id"
        static let kind = "kind"
        static let payload = "payload"
        static let workspaceId = "workspace_id"
        static let subject = "subject"
        static let state = "state"
        static let attempts = "attempts"
        static let maxAttempts = "max_attempts"
        static let runAt = "run_at"
        static let leaseUntil = "lease_until"
        /// The worker holding the lease: set by a claim, not part of the job.
        static let lockedBy = "locked_by"
        static let lastError = "last_error"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    static let fields: [Field<Job>] = [
        .value(Columns.id, \.id),
        .value(Columns.kind, \.kind),
        .value(Columns.payload, \.payload),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.subject, \.subject),
        .raw(Columns.state, \.state, unknown: .failed),
        .value(Columns.attempts, \.attempts),
        .value(Columns.maxAttempts, \.maxAttempts),
        .seconds(Columns.runAt, \.runAt),
        .seconds(Columns.leaseUntil, \.leaseUntil),
        .value(Columns.lastError, \.lastError),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = Job(id: "", kind: "", payload: "", state: .failed, attempts: 0, maxAttempts: 0, runAt: .distantPast,
                           createdAt: .distantPast, updatedAt: .distantPast)
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
        self.init(kind: P.kind.rawValue, payload: JSONText.encode(payload), workspaceId: workspaceId, subject: subject, runAt: runAt,
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
        guard kind == P.kind.rawValue, let payload = try? JSONText.decode(P.self, payload) else {
            throw JobError.permanent("unreadable payload")
        }
        return payload
    }
}
