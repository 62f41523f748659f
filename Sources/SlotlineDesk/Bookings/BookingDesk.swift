import Foundation
import SlotlineCore
import SlotlineStore

/// Every change to bookings, each in one transaction: the conflict check under the practitioner's
/// lock, the booking row, and the jobs it causes commit together or not at all.
public struct BookingDesk: Sendable {
    let store: Store
    let submissions: SubmissionBatcher
    /// Bookings of pool services take a line as they are placed.
    let lines: LineAllocator

    /// `limits` bound the meetings on pool lines, as for video meetings.
    public init(store: Store, limits: DurationLimits = DurationLimits()) {
        self.store = store
        self.submissions = SubmissionBatcher()
        self.lines = LineAllocator(limits: limits)
    }

    private var time: TimeSource { store.time }
    private var manageTokens: ManageTokens { store.manageTokens }

    /// `staffId` names the staff member who books for a customer, for the booking's history.
    public func submit(_ request: NewBooking, workspaceId: String, byStaff: Bool, staffId: String? = nil,
                       idempotency: IdempotencyKey? = nil) async throws -> SubmittedBooking {
        let submission = try prepare(request, workspaceId: workspaceId, byStaff: byStaff, staffId: staffId)
        // SQLite has one writer: concurrent submissions share its transactions. PostgreSQL runs them
        // side by side under practitioner row locks; a retried request checks its key in its own.
        if store.writesOneAtATime, idempotency == nil {
            return try await submissions.submit(submission, desk: self)
        }
        do {
            return try await store.write { tx in
                if let idempotency, let earlier = try await replay(idempotency, workspaceId: workspaceId, in: tx) {
                    return earlier
                }
                let now = time.now()
                let booking = try await place([submission], now: now, in: tx)[0].get()
                try await record([booking], from: [submission], now: now, in: tx)
                if let idempotency {
                    try await tx.idempotencyKeys.insert(
                        IdempotencyRecord(key: idempotency.key, requestHash: idempotency.requestHash, bookingId: booking.id),
                        workspaceId: workspaceId, now: now)
                }
                return SubmittedBooking(booking: booking, manageToken: submission.token, replayed: false)
            }
        } catch {
            // A concurrent request with the same key may have won the race (its booking now holds
            // the slot, or its key row is there): answer as it did.
            guard let idempotency else { throw error }
            return try await store.read { repositories in
                guard let earlier = try await replay(idempotency, workspaceId: workspaceId, in: repositories) else { throw error }
                return earlier
            }
        }
    }

    /// Places several submissions in one transaction; each gets its own answer. If the transaction
    /// itself fails, each submission is tried again alone, so one bad row costs the others nothing.
    func placeTogether(_ submissions: [PreparedSubmission]) async -> [Result<SubmittedBooking, any Error>] {
        do {
            return try await store.write { tx in
                let now = time.now()
                let placed = try await place(submissions, now: now, in: tx)
                try await record(placed.compactMap { try? $0.get() }, from: submissions, now: now, in: tx)
                return zip(submissions, placed).map { submission, result in
                    result.map { SubmittedBooking(booking: $0, manageToken: submission.token, replayed: false) }
                }
            }
        } catch {
            guard submissions.count > 1 else { return [.failure(error)] }
            var results: [Result<SubmittedBooking, any Error>] = []
            for submission in submissions { results += await placeTogether([submission]) }
            return results
        }
    }

    /// What can be checked without the database: the customer and the notes.
    private func prepare(_ request: NewBooking, workspaceId: String, byStaff: Bool, staffId: String?) throws -> PreparedSubmission {
        let customer = try request.customer.validated()
        guard request.notes.count <= 2000 else { throw SlotlineError.invalid("notes", "at most 2000 characters") }
        let id = Secrets.newID()
        return PreparedSubmission(request: request, customer: customer, workspaceId: workspaceId, byStaff: byStaff, staffId: staffId,
                                  id: id, token: manageTokens.token(bookingId: id))
    }

    /// Decides submissions in the open transaction and writes nothing: reads the catalog, locks
    /// every practitioner they may go to (PostgreSQL; in id order, so transactions never wait on each
    /// other crosswise), reads those practitioners' bookings around the requested times in one
    /// statement, then checks each submission in turn against them and the ones placed before it.
    private func place(_ submissions: [PreparedSubmission], now: Date, in tx: Repositories) async throws -> [Result<Booking, any Error>] {
        let catalog = try await Catalog.read(for: submissions, in: tx)
        let offers = submissions.map { submission in Result { try catalog.offer(for: submission) } }
        let windows = zip(submissions, offers).flatMap { submission, offer in
            ((try? offer.get())?.candidates ?? []).map { BusyWindow.around(submission.request.startsAt, practitionerId: $0.id) }
        }
        try await tx.practitioners.lock(ids: Set(windows.map(\.practitionerId)))
        var busy = try await tx.bookings.busy(in: windows, now: now)
        let placed = zip(submissions, offers).map { submission, offer in
            Result {
                let (service, candidates) = try offer.get()
                let booking = try book(submission, service: service, from: candidates, busy: busy, now: now)
                if booking.state.holdsSlot { busy[booking.practitionerId, default: []].append(booking.busyBlock) }
                return booking
            }
        }
        return try await takeLines(for: placed, services: offers.map { try? $0.get().service }, now: now, in: tx)
    }

    /// Bookings of pool services take a line in the transaction that places them (the pool locked),
    /// so none is confirmed without one; without a free line the time is not available.
    private func takeLines(for placed: [Result<Booking, any Error>], services: [Service?], now: Date,
                           in tx: Repositories) async throws -> [Result<Booking, any Error>] {
        var results = placed
        var taken: [LinePlan.Hold] = []
        var locked: Set<String> = []
        for index in results.indices {
            guard case .success(var booking) = results[index], let service = services[index], service.takesPoolLine else { continue }
            if locked.insert(booking.workspaceId).inserted { try await tx.lines.lockPool(workspaceId: booking.workspaceId) }
            do {
                let pool = try await lines.eligibleLines(workspaceId: booking.workspaceId, minutes: service.durationMinutes, in: tx)
                let line = try await lines.line(among: pool, from: booking.startsAt, to: booking.endsAt, now: now, adding: taken, in: tx)
                booking.lineId = line.lineId
                taken.append(LinePlan.Hold(lineId: line.lineId, startsAt: booking.startsAt, endsAt: booking.endsAt))
                results[index] = .success(booking)
            } catch let error as SlotlineError where [.noFreeLine, .invalidParameter].contains(error.code) {
                results[index] = .failure(SlotlineError(.slotUnavailable, field: "startsAt"))
            }
        }
        return results
    }

    /// The booking a submission becomes with the first candidate free at its time.
    private func book(_ submission: PreparedSubmission, service: Service, from candidates: [Practitioner],
                      busy: [String: [BusyBlock]], now: Date) throws -> Booking {
        let request = submission.request
        var firstError: SlotlineError?
        for practitioner in candidates {
            do {
                try check(request.startsAt, seats: request.seats, service: service, practitioner: practitioner,
                          enforceWindow: !submission.byStaff, now: now, busy: busy[practitioner.id] ?? [])
                let state = BookingLifecycle.initialState(for: service)
                return Booking(
                    id: submission.id, workspaceId: submission.workspaceId, serviceId: service.id, practitionerId: practitioner.id,
                    state: state, startsAt: request.startsAt, endsAt: request.startsAt.addingTimeInterval(Double(service.durationMinutes) * 60),
                    bufferBeforeMinutes: service.bufferBeforeMinutes, bufferAfterMinutes: service.bufferAfterMinutes,
                    seats: request.seats, customer: submission.customer, notes: request.notes,
                    holdExpiresAt: state == .awaitingPayment ? now.addingTimeInterval(Double(service.paymentWindowMinutes) * 60) : nil,
                    createdAt: now, updatedAt: now)
            } catch let error as SlotlineError {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? SlotlineError(.slotUnavailable, field: "startsAt")
    }

    /// Writes new bookings, the jobs they cause and their first history entries, each kind in one
    /// statement. `submissions` hold the manage tokens made when they were prepared, and who booked.
    private func record(_ bookings: [Booking], from submissions: [PreparedSubmission], now: Date, in tx: Repositories) async throws {
        guard !bookings.isEmpty else { return }
        let submitted = Dictionary(uniqueKeysWithValues: submissions.map { ($0.id, $0) })
        let hashes = bookings.map { Secrets.hash(submitted[$0.id]?.token ?? manageTokens.token(bookingId: $0.id)) }
        try await tx.bookings.insert(bookings, manageTokenHashes: hashes)
        let changes = bookings.map { booking in
            BookingChange(booking: booking, previous: nil, events: [.created] + (booking.state == .confirmed ? [.confirmed] : []),
                          actor: submitted[booking.id]?.byStaff == true ? .staff : .customer, staffId: submitted[booking.id]?.staffId,
                          occurredAt: now)
        }
        try await tx.jobs.enqueue(zip(changes, bookings).flatMap { jobs(for: $0, of: $1) })
        try await tx.history.start(changes)
    }

    /// Applies a staff decision (accept, decline, mark paid, cancel, approve or reject a customer request).
    public func decide(_ decision: StaffDecision, bookingId: String, workspaceId: String, by staffId: String? = nil) async throws -> Booking {
        try await change(bookingId: bookingId, workspaceId: workspaceId, by: .staff, staffId: staffId) { booking, service, tx, now in
            switch decision {
            case .accept: return try BookingLifecycle.apply(.accept, to: booking, service: service, now: now)
            case .decline: return try BookingLifecycle.apply(.decline, to: booking, service: service, now: now)
            case .markPaid:
                // A lapsed hold stopped blocking its slot, which may have been sold since: check it again.
                if booking.state == .awaitingPayment, let hold = booking.holdExpiresAt, hold <= now {
                    _ = try await checkedMove(booking, to: booking.startsAt, service: service, enforceWindow: false, now: now, in: tx)
                }
                return try BookingLifecycle.apply(.markPaid, to: booking, service: service, now: now)
            case .cancel: return try BookingLifecycle.apply(.cancel, to: booking, service: service, now: now)
            case .reject: return try BookingLifecycle.apply(.rejectRequest, to: booking, service: service, now: now)
            case .approve:
                let endsAt = try await checkedMove(booking, to: booking.request?.startsAt, service: service, enforceWindow: false, now: now, in: tx)
                return try BookingLifecycle.apply(.approveRequest(endsAt: endsAt), to: booking, service: service, now: now)
            }
        }
    }

    /// Moves a booking to a new start (staff), after the same checks as a new booking.
    public func reschedule(bookingId: String, workspaceId: String, to startsAt: Date, by staffId: String? = nil) async throws -> Booking {
        try await change(bookingId: bookingId, workspaceId: workspaceId, by: .staff, staffId: staffId) { booking, service, tx, now in
            guard booking.state.holdsSlot else { throw SlotlineError(.invalidState, field: "state", detail: booking.state.rawValue) }
            // Staff may move a booking to short notice, never into the past.
            guard startsAt >= now else { throw SlotlineError(.tooSoon, field: "startsAt") }
            let endsAt = try await checkedMove(booking, to: startsAt, service: service, enforceWindow: false, now: now, in: tx)!
            return try BookingLifecycle.apply(.reschedule(startsAt: startsAt, endsAt: endsAt), to: booking, service: service, now: now)
        }
    }

    /// A customer's request from the manage page. Applied at once when the service allows it,
    /// otherwise kept for staff to approve or reject.
    public func request(_ kind: ChangeRequest.Kind, manageToken: String, startsAt: Date?, reason: String) async throws -> Booking {
        guard reason.count <= 2000 else { throw SlotlineError.invalid("reason", "at most 2000 characters") }
        guard let found = try await store.bookings.find(manageToken: manageToken) else {
            throw SlotlineError.notFound("token")
        }
        return try await change(bookingId: found.id, workspaceId: found.workspaceId, by: .customer, note: reason) { booking, service, tx, now in
            if kind == .reschedule {
                guard let startsAt else { throw SlotlineError.missing("startsAt") }
                _ = try await checkedMove(booking, to: startsAt, service: service, enforceWindow: true, now: now, in: tx)
            }
            let request = ChangeRequest(kind: kind, startsAt: kind == .reschedule ? startsAt : nil, reason: reason, requestedAt: now)
            let (requested, events) = try BookingLifecycle.apply(.requestChange(request), to: booking, service: service, now: now)
            guard service.changePolicy == .automatic else { return (requested, events) }
            let endsAt = startsAt.map { $0.addingTimeInterval(Double(service.durationMinutes) * 60) }
            return try BookingLifecycle.apply(.approveRequest(endsAt: endsAt), to: requested, service: service, now: now)
        }
    }

    /// Ends an unpaid hold whose payment window has closed. Returns false when there was nothing
    /// to expire (paid meanwhile, cancelled, or the window moved).
    @discardableResult
    public func expire(bookingId: String, workspaceId: String) async throws -> Bool {
        do {
            _ = try await change(bookingId: bookingId, workspaceId: workspaceId, by: .system) { booking, service, _, now in
                try BookingLifecycle.apply(.expire, to: booking, service: service, now: now)
            }
            return true
        } catch let error as SlotlineError where error.code == .invalidState {
            return false
        }
    }

    // MARK: - Steps shared by the operations above

    private func change(bookingId: String, workspaceId: String, by actor: BookingChange.Actor, staffId: String? = nil, note: String = "",
                        _ apply: (Booking, Service, Repositories, Date) async throws -> (Booking, [BookingEvent])) async throws -> Booking {
        try await store.write { tx in
            guard let current = try await tx.bookings.find(id: bookingId, workspaceId: workspaceId) else {
                throw SlotlineError.notFound("booking")
            }
            // Lock the practitioner first, as submissions do, then re-read the booking under the lock.
            try await tx.practitioners.lock(ids: [current.practitionerId])
            guard let booking = try await tx.bookings.find(id: bookingId, workspaceId: workspaceId),
                  let service = try await tx.services.find(id: booking.serviceId, workspaceId: workspaceId) else {
                throw SlotlineError.notFound("booking")
            }
            let now = time.now()
            let (changed, events) = try await apply(booking, service, tx, now)
            try await tx.bookings.update(changed)
            guard !events.isEmpty else { return changed }
            let change = BookingChange(booking: changed, previous: booking, events: events, actor: actor, staffId: staffId, note: note,
                                       occurredAt: now)
            try await tx.jobs.enqueue(jobs(for: change, of: changed))
            try await tx.history.append(change)
            return changed
        }
    }

    /// Checks that `booking` may move to `startsAt` and returns the new end; nil when there is no new time.
    private func checkedMove(_ booking: Booking, to startsAt: Date?, service: Service, enforceWindow: Bool, now: Date,
                             in tx: Repositories) async throws -> Date? {
        guard let startsAt else { return nil }
        guard let practitioner = try await tx.practitioners.find(id: booking.practitionerId, workspaceId: booking.workspaceId) else {
            throw SlotlineError.notFound("practitioner")
        }
        let window = BusyWindow.around(startsAt, practitionerId: practitioner.id)
        let busy = try await tx.bookings.busy(in: [window], now: now, excluding: booking.id)[practitioner.id] ?? []
        try check(startsAt, seats: booking.seats, service: service, practitioner: practitioner, enforceWindow: enforceWindow,
                  now: now, busy: busy)
        let endsAt = startsAt.addingTimeInterval(Double(service.durationMinutes) * 60)
        // A pool booking keeps its line (its meeting lives on that account): the line must be free then too.
        if service.takesPoolLine, let lineId = booking.lineId {
            try await tx.lines.lockPool(workspaceId: booking.workspaceId)
            let own = try await lines.eligibleLines(workspaceId: booking.workspaceId, minutes: service.durationMinutes, among: [lineId], in: tx)
            do {
                _ = try await lines.line(among: own, from: startsAt, to: endsAt, now: now,
                                         excluding: LineAllocator.Excluding(bookingId: booking.id), in: tx)
            } catch let error as SlotlineError where error.code == .noFreeLine {
                throw SlotlineError(.slotUnavailable, field: "startsAt")
            }
        }
        return endsAt
    }

    /// The one conflict check: `busy` holds the practitioner's bookings around the time, read under its lock.
    private func check(_ startsAt: Date, seats: Int, service: Service, practitioner: Practitioner, enforceWindow: Bool, now: Date,
                       busy: [BusyBlock]) throws {
        guard let zone = TimeZone(identifier: practitioner.timeZone) else {
            throw SlotlineError(.invalidTimeZone, field: "practitioner.timeZone", detail: practitioner.timeZone)
        }
        let finder = SlotFinder(availability: practitioner.availability, timeZone: zone, rules: service.slotRules, serviceId: service.id)
        try finder.check(start: startsAt, now: now, busy: busy, seats: seats, enforceWindow: enforceWindow)
    }

    private func replay(_ idempotency: IdempotencyKey, workspaceId: String, in repositories: Repositories) async throws -> SubmittedBooking? {
        guard let earlier = try await repositories.idempotencyKeys.find(key: idempotency.key, workspaceId: workspaceId) else { return nil }
        guard earlier.requestHash == idempotency.requestHash else {
            throw SlotlineError(.idempotencyConflict, field: "Idempotency-Key")
        }
        guard let booking = try await repositories.bookings.find(id: earlier.bookingId, workspaceId: workspaceId) else {
            return nil
        }
        return SubmittedBooking(booking: booking, manageToken: manageTokens.token(bookingId: booking.id), replayed: true)
    }

    /// What happened, as jobs written in the same transaction: one job carries all of a change's events.
    private func jobs(for change: BookingChange, of booking: Booking) -> [NewJob] {
        var jobs: [NewJob] = []
        if change.events.contains(.created), booking.state == .awaitingPayment, let hold = booking.holdExpiresAt {
            jobs.append(NewJob(BookingExpiry(bookingId: booking.id, workspaceId: booking.workspaceId),
                               workspaceId: booking.workspaceId, runAt: hold))
        }
        let happened = BookingEvents(bookingId: booking.id, workspaceId: booking.workspaceId, events: change.events, state: booking.state,
                                     sequence: booking.sequence, previousStartsAt: change.previousStartsAt, occurredAt: change.occurredAt)
        jobs.append(NewJob(happened, workspaceId: booking.workspaceId, subject: JobSubject.booking(booking.id), runAt: change.occurredAt,
                           maxAttempts: 20))
        return jobs
    }
}
