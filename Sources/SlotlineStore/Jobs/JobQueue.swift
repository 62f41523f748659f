import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = Job.Columns

/// The durable job queue (SPEC §8). Workers claim jobs with a lease; a worker that dies loses its
/// lease and the job runs again. On PostgreSQL `FOR UPDATE SKIP LOCKED` keeps two replicas from
/// claiming the same job; on SQLite the write transaction does.
public struct JobQueue: Sendable {
    let database: Access
    let time: TimeSource

    /// Delay before retry number `attempt` (1-based): exponential from 5 s, capped at one hour,
    /// with up to 25 % jitter so retries of many jobs spread out.
    public static func backoff(attempt: Int) -> TimeInterval {
        let base = min(3600, 5 * pow(2, Double(max(0, attempt - 1))))
        return base + Double.random(in: 0...(base / 4))
    }

    /// Adds jobs in one statement: in the open transaction when the queue was taken from one.
    public func enqueue(_ jobs: [NewJob]) async throws {
        guard !jobs.isEmpty else { return }
        let now = time.now()
        try await database.write { db in try await Self.insert(jobs, now: now, in: db) }
    }

    /// Writes jobs in one statement inside the caller's statement scope (the store's own repositories).
    static func insert(_ jobs: [NewJob], now: Date, in db: any SQLDatabase) async throws {
        guard !jobs.isEmpty else { return }
        let records = jobs.map { job in
            Job(id: Secrets.newID(), kind: job.kind, payload: job.payload, workspaceId: job.workspaceId, subject: job.subject,
                state: .queued, attempts: 0, maxAttempts: job.maxAttempts, runAt: job.runAt ?? now, createdAt: now, updatedAt: now)
        }
        try await db.insert(into: Job.table).records(records).run()
    }

    static func dropQueued(_ kind: JobKind, subject: String, in db: any SQLDatabase) async throws {
        try await db.delete(from: Job.table).where(Columns.subject, .equal, subject).where(Columns.kind, .equal, kind.rawValue)
            .where(Columns.state, .equal, Job.State.queued.rawValue).run()
    }

    /// Adds one job of a kind in the catalog.
    public func enqueue<P: JobPayload>(_ payload: P, workspaceId: String?, subject: String? = nil, runAt: Date? = nil,
                                       maxAttempts: Int = NewJob.defaultAttempts) async throws {
        try await enqueue([NewJob(payload, workspaceId: workspaceId, subject: subject, runAt: runAt, maxAttempts: maxAttempts)])
    }

    /// Adds a job of any kind (the queue itself does not care what its jobs do).
    public func enqueue(_ kind: String, payload: String, workspaceId: String? = nil, subject: String? = nil, runAt: Date? = nil,
                        maxAttempts: Int = NewJob.defaultAttempts) async throws {
        try await enqueue([NewJob(kind: kind, payload: payload, workspaceId: workspaceId, subject: subject, runAt: runAt,
                                  maxAttempts: maxAttempts)])
    }

    /// Drops the queued (not yet running) jobs of one kind about one subject.
    public func dropQueued(_ kind: JobKind, subject: String) async throws {
        try await database.write { db in try await Self.dropQueued(kind, subject: subject, in: db) }
    }

    /// Whether a job of one kind about one subject is queued, running or parked as failed.
    public func isOpen(_ kind: JobKind, subject: String) async throws -> Bool {
        try await database.read { db in
            try await db.select().column(Columns.id).from(Job.table)
                .where(Columns.subject, .equal, subject).where(Columns.kind, .equal, kind.rawValue)
                .where(Columns.state, .in, [Job.State.queued, .running, .failed].map(\.rawValue)).limit(1).first() != nil
        }
    }

    /// Marks the failed jobs of one kind about one subject done: what they waited for came about
    /// another way, so they leave the failed jobs.
    public func settleFailed(_ kind: JobKind, subject: String) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(Job.table).set(Columns.state, to: Job.State.done.rawValue).set(Columns.lastError, to: SQLLiteral.null)
                .set(Columns.updatedAt, to: now.unixSeconds)
                .where(Columns.subject, .equal, subject).where(Columns.kind, .equal, kind.rawValue)
                .where(Columns.state, .equal, Job.State.failed.rawValue).run()
        }
    }

    /// The payloads of the queued jobs of one kind about one subject, soonest first.
    public func queued<P: JobPayload>(_ type: P.Type, subject: String) async throws -> [P] {
        try await database.read { db in
            try await db.select().column(Columns.payload).from(Job.table)
                .where(Columns.subject, .equal, subject).where(Columns.kind, .equal, P.kind.rawValue)
                .where(Columns.state, .equal, Job.State.queued.rawValue).orderBy(Columns.runAt)
                .all().map { try JSONText.decode(P.self, try $0.decode(column: Columns.payload, as: String.self)) }
        }
    }

    /// Claims up to `limit` due jobs (queued and due, or running with an expired lease) for `worker`.
    public func claim(worker: String, limit: Int = 1, lease: TimeInterval) async throws -> [Job] {
        let now = time.now().unixSeconds
        return try await database.write { db in
            // Replicas skip rows another one has locked; a dialect without row locks (SQLite) has one writer anyway.
            let skipLocked: SQLQueryString = db.dialect.exclusiveSelectLockExpression == nil ? "" : " \(SQLLockingClause.update) SKIP LOCKED"
            var ids: [String] = []
            // Jobs whose worker died come first (they were due earlier), then due ones.
            for selection in [Self.lapsed(now: now), Self.due(now: now)] where ids.count < limit {
                ids += try await db.raw(selection + " LIMIT \(bind: limit - ids.count)" + skipLocked).all()
                    .map { try $0.decode(column: Columns.id, as: String.self) }
            }
            guard !ids.isEmpty else { return [] }
            try await db.update(Job.table)
                .set(Columns.state, to: Job.State.running.rawValue)
                .set(Columns.attempts, to: SQLRaw("\(Columns.attempts) + 1"))
                .set(Columns.leaseUntil, to: now + Int64(lease.rounded(.up)))
                .set(Columns.lockedBy, to: worker)
                .set(Columns.updatedAt, to: now)
                .where(Columns.id, .in, ids).run()
            return try await db.select().column("*").from(Job.table).where(Columns.id, .in, ids).orderBy(Columns.runAt)
                .all().map { try $0.record(Job.self) }
        }
    }

    // Names from `Job.Columns`, unquoted: the statement reads and logs as the plain SQL it is.

    /// Running jobs whose lease has passed, oldest lease first, read in the order of the
    /// (state, lease_until) index: no sort, however many there are.
    static func lapsed(now: Int64) -> SQLQueryString {
        """
        SELECT \(unsafeRaw: Columns.id) FROM \(unsafeRaw: Job.table) WHERE \(unsafeRaw: Columns.state) = \(literal: Job.State.running.rawValue) \
        AND \(unsafeRaw: Columns.leaseUntil) < \(bind: now) ORDER BY \(unsafeRaw: Columns.leaseUntil)
        """
    }

    /// Queued jobs that are due, earliest first, read in the order of the (state, run_at) index:
    /// after an outage with a large backlog, each claim still reads only the jobs it takes.
    static func due(now: Int64) -> SQLQueryString {
        """
        SELECT \(unsafeRaw: Columns.id) FROM \(unsafeRaw: Job.table) WHERE \(unsafeRaw: Columns.state) = \(literal: Job.State.queued.rawValue) \
        AND \(unsafeRaw: Columns.runAt) <= \(bind: now) ORDER BY \(unsafeRaw: Columns.runAt)
        """
    }

    /// Marks a claimed job done. Ignored if the lease passed to another worker meanwhile.
    public func complete(_ job: Job, worker: String) async throws {
        try await finish(job, worker: worker) { $0.set(Columns.state, to: Job.State.done.rawValue).set(Columns.lastError, to: SQLLiteral.null) }
    }

    /// Records a failure: retried after a backoff, or parked as failed after the last attempt.
    /// `retryAfter` replaces the backoff when the other side said how long to wait.
    public func fail(_ job: Job, worker: String, error: String, retryable: Bool = true, retryAfter: TimeInterval? = nil) async throws {
        let now = time.now()
        let parked = !retryable || job.attempts >= job.maxAttempts
        let delay = retryAfter.map { max(1, $0) } ?? Self.backoff(attempt: job.attempts)
        try await finish(job, worker: worker) { update in
            update.set(Columns.lastError, to: String(error.prefix(2000)))
                .set(Columns.state, to: (parked ? Job.State.failed : .queued).rawValue)
                .set(Columns.runAt, to: (parked ? now : now.addingTimeInterval(delay)).unixSeconds)
        }
    }

    /// Gives a claimed job back untouched (graceful shutdown): it runs again at once elsewhere,
    /// and the interrupted try does not count as an attempt.
    public func release(_ job: Job, worker: String) async throws {
        try await finish(job, worker: worker) {
            $0.set(Columns.state, to: Job.State.queued.rawValue).set(Columns.attempts, to: SQLRaw("\(Columns.attempts) - 1"))
        }
    }

    /// Puts a failed job back in the queue with fresh attempts (the staff "retry" action).
    public func retry(id: String, workspaceId: String?) async throws -> Job {
        let now = time.now().unixSeconds
        return try await database.write { db in
            var query = db.select().column("*").from(Job.table).where(Columns.id, .equal, id)
            if let workspaceId { query = query.where(Columns.workspaceId, .equal, workspaceId) }
            guard var job = try await query.first()?.record(Job.self) else { throw SlotlineError.notFound("job") }
            guard job.state == .failed else { throw SlotlineError(.invalidState, field: Columns.state, detail: job.state.rawValue) }
            try await db.update(Job.table).set(Columns.state, to: Job.State.queued.rawValue).set(Columns.attempts, to: 0)
                .set(Columns.runAt, to: now).set(Columns.updatedAt, to: now).set(Columns.leaseUntil, to: SQLLiteral.null)
                .where(Columns.id, .equal, id).run()
            job.state = .queued
            job.attempts = 0
            return job
        }
    }

    public func list(state: Job.State?, workspaceId: String?, limit: Int = 100) async throws -> [Job] {
        try await database.read { db in
            var query = db.select().column("*").from(Job.table)
            if let state { query = query.where(Columns.state, .equal, state.rawValue) }
            if let workspaceId { query = query.where(Columns.workspaceId, .equal, workspaceId) }
            return try await query.orderBy(Columns.updatedAt, .descending).limit(limit).all().map { try $0.record(Job.self) }
        }
    }

    public func find(id: String) async throws -> Job? {
        try await database.read { db in
            try await db.select().column("*").from(Job.table).where(Columns.id, .equal, id).first()?.record(Job.self)
        }
    }

    private func finish(_ job: Job, worker: String, _ change: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        let now = time.now().unixSeconds
        try await database.write { db in
            let update = db.update(Job.table)
                .set(Columns.leaseUntil, to: SQLLiteral.null).set(Columns.lockedBy, to: SQLLiteral.null).set(Columns.updatedAt, to: now)
                .where(Columns.id, .equal, job.id).where(Columns.state, .equal, Job.State.running.rawValue).where(Columns.lockedBy, .equal, worker)
            try await change(update).run()
        }
    }
}
