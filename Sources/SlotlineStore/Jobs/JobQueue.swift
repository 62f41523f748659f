import Foundation
import SlotlineCore
import SQLKit

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
        let created = now.unixSeconds
        let records = jobs.map { job in
            JobRecord(id: Secrets.newID(), kind: job.kind, payload: job.payload, workspaceId: job.workspaceId, subject: job.subject,
                      state: Job.State.queued.rawValue, attempts: 0, maxAttempts: job.maxAttempts, runAt: job.runAt?.unixSeconds ?? created,
                      leaseUntil: nil, lockedBy: nil, lastError: nil, createdAt: created, updatedAt: created)
        }
        try await db.insert(into: JobRecord.table).models(records, with: Row.encoder).run()
    }

    static func dropQueued(_ kind: JobKind, subject: String, in db: any SQLDatabase) async throws {
        try await db.delete(from: JobRecord.table).where("subject", .equal, subject).where("kind", .equal, kind.rawValue)
            .where("state", .equal, Job.State.queued.rawValue).run()
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

    /// The payloads of the queued jobs of one kind about one subject, soonest first.
    public func queued<P: JobPayload>(_ type: P.Type, subject: String) async throws -> [P] {
        try await database.read { db in
            try await db.select().column("payload").from(JobRecord.table)
                .where("subject", .equal, subject).where("kind", .equal, P.kind.rawValue)
                .where("state", .equal, Job.State.queued.rawValue).orderBy("run_at")
                .all().map { try Row.decodeJSON(P.self, try $0.decode(column: "payload", as: String.self)) }
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
                    .map { try $0.decode(column: "id", as: String.self) }
            }
            guard !ids.isEmpty else { return [] }
            try await db.update(JobRecord.table)
                .set("state", to: Job.State.running.rawValue)
                .set("attempts", to: SQLRaw("attempts + 1"))
                .set("lease_until", to: now + Int64(lease.rounded(.up)))
                .set("locked_by", to: worker)
                .set("updated_at", to: now)
                .where("id", .in, ids).run()
            return try await db.select().column("*").from(JobRecord.table).where("id", .in, ids).orderBy("run_at")
                .all().map { try $0.decode(JobRecord.self).model }
        }
    }

    /// Running jobs whose lease has passed, oldest lease first, read in the order of the
    /// (state, lease_until) index: no sort, however many there are.
    static func lapsed(now: Int64) -> SQLQueryString {
        "SELECT id FROM jobs WHERE state = 'running' AND lease_until < \(bind: now) ORDER BY lease_until"
    }

    /// Queued jobs that are due, earliest first, read in the order of the (state, run_at) index:
    /// after an outage with a large backlog, each claim still reads only the jobs it takes.
    static func due(now: Int64) -> SQLQueryString {
        "SELECT id FROM jobs WHERE state = 'queued' AND run_at <= \(bind: now) ORDER BY run_at"
    }

    /// Marks a claimed job done. Ignored if the lease passed to another worker meanwhile.
    public func complete(_ job: Job, worker: String) async throws {
        try await finish(job, worker: worker) { $0.set("state", to: Job.State.done.rawValue).set("last_error", to: SQLLiteral.null) }
    }

    /// Records a failure: retried after a backoff, or parked as failed after the last attempt.
    /// `retryAfter` replaces the backoff when the other side said how long to wait.
    public func fail(_ job: Job, worker: String, error: String, retryable: Bool = true, retryAfter: TimeInterval? = nil) async throws {
        let now = time.now()
        let parked = !retryable || job.attempts >= job.maxAttempts
        let delay = retryAfter.map { max(1, $0) } ?? Self.backoff(attempt: job.attempts)
        try await finish(job, worker: worker) { update in
            update.set("last_error", to: String(error.prefix(2000)))
                .set("state", to: (parked ? Job.State.failed : .queued).rawValue)
                .set("run_at", to: (parked ? now : now.addingTimeInterval(delay)).unixSeconds)
        }
    }

    /// Gives a claimed job back untouched (graceful shutdown): it runs again at once elsewhere,
    /// and the interrupted try does not count as an attempt.
    public func release(_ job: Job, worker: String) async throws {
        try await finish(job, worker: worker) { $0.set("state", to: Job.State.queued.rawValue).set("attempts", to: SQLRaw("attempts - 1")) }
    }

    /// Puts a failed job back in the queue with fresh attempts (the staff "retry" action).
    public func retry(id: String, workspaceId: String?) async throws -> Job {
        let now = time.now().unixSeconds
        return try await database.write { db in
            var query = db.select().column("*").from(JobRecord.table).where("id", .equal, id)
            if let workspaceId { query = query.where("workspace_id", .equal, workspaceId) }
            guard let job = try await query.first()?.decode(JobRecord.self) else { throw SlotlineError.notFound("job") }
            guard job.state == Job.State.failed.rawValue else { throw SlotlineError(.invalidState, field: "state", detail: job.state) }
            try await db.update(JobRecord.table).set("state", to: Job.State.queued.rawValue).set("attempts", to: 0)
                .set("run_at", to: now).set("updated_at", to: now).set("lease_until", to: SQLLiteral.null)
                .where("id", .equal, id).run()
            var model = job.model
            model.state = .queued
            model.attempts = 0
            return model
        }
    }

    public func list(state: Job.State?, workspaceId: String?, limit: Int = 100) async throws -> [Job] {
        try await database.read { db in
            var query = db.select().column("*").from(JobRecord.table)
            if let state { query = query.where("state", .equal, state.rawValue) }
            if let workspaceId { query = query.where("workspace_id", .equal, workspaceId) }
            return try await query.orderBy("updated_at", .descending).limit(limit).all().map { try $0.decode(JobRecord.self).model }
        }
    }

    public func find(id: String) async throws -> Job? {
        try await database.read { db in
            try await db.select().column("*").from(JobRecord.table).where("id", .equal, id).first()?.decode(JobRecord.self).model
        }
    }

    private func finish(_ job: Job, worker: String, _ change: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        let now = time.now().unixSeconds
        try await database.write { db in
            let update = db.update(JobRecord.table)
                .set("lease_until", to: SQLLiteral.null).set("locked_by", to: SQLLiteral.null).set("updated_at", to: now)
                .where("id", .equal, job.id).where("state", .equal, Job.State.running.rawValue).where("locked_by", .equal, worker)
            try await change(update).run()
        }
    }
}
