import Foundation
import Testing
@testable import SlotlineCore

/// The booking state machine (SPEC §3).
@Suite struct BookingLifecycleTests {
    static let created = instant("2026-03-01T10:00:00Z")
    let now = instant("2026-03-01T12:00:00Z")
    let auto = Service(id: "svc", workspaceId: "w1", name: "Consultation", durationMinutes: 60)
    let manual = Service(id: "svc", workspaceId: "w1", name: "Consultation", durationMinutes: 60, requiresConfirmation: true)
    let paid = Service(id: "svc", workspaceId: "w1", name: "Consultation", durationMinutes: 60, priceMinor: 5000,
                       requiresPayment: true)
    let paidManual = Service(id: "svc", workspaceId: "w1", name: "Consultation", durationMinutes: 60, priceMinor: 5000,
                             requiresPayment: true, requiresConfirmation: true)

    static func booking(_ state: BookingState, hold: Date? = nil, request: ChangeRequest? = nil, sequence: Int = 0) -> Booking {
        Booking(id: "b1", workspaceId: "w1", serviceId: "svc", practitionerId: "p1", state: state,
                startsAt: instant("2026-03-09T09:00:00Z"), endsAt: instant("2026-03-09T10:00:00Z"),
                customer: Customer(name: "Mei", email: "mei@example.com", timeZone: "Asia/Taipei"),
                holdExpiresAt: hold, request: request, sequence: sequence, createdAt: created, updatedAt: created)
    }

    static let cancelRequest = ChangeRequest(kind: .cancel, reason: "sick", requestedAt: created)
    static let moveRequest = ChangeRequest(kind: .reschedule, startsAt: instant("2026-03-10T09:00:00Z"), requestedAt: created)

    /// The error an action that must fail throws; records an issue at the caller if it succeeds.
    func refusal(_ action: BookingAction, on booking: Booking, service: Service? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) -> SlotlineError? {
        #expect(throws: SlotlineError.self, sourceLocation: sourceLocation) {
            try BookingLifecycle.apply(action, to: booking, service: service ?? auto, now: now)
        }
    }

    // MARK: submit

    @Test func newBookingsStartInTheStateTheServiceAsksFor() {
        #expect(BookingLifecycle.initialState(for: auto) == .confirmed)
        #expect(BookingLifecycle.initialState(for: manual) == .pending)
        #expect(BookingLifecycle.initialState(for: paid) == .awaitingPayment)
        #expect(BookingLifecycle.initialState(for: paidManual) == .awaitingPayment)
    }

    @Test func aBookingPaidUpFrontSkipsTheWaitForPayment() {
        #expect(BookingLifecycle.initialState(for: paid, paid: true) == .confirmed)
        #expect(BookingLifecycle.initialState(for: paidManual, paid: true) == .pending)
    }

    // MARK: payment

    @Test func paymentConfirmsAnAutomaticService() throws {
        let booking = Self.booking(.awaitingPayment, hold: instant("2026-03-01T10:30:00Z"))

        let (next, events) = try BookingLifecycle.apply(.markPaid, to: booking, service: paid, now: now)

        #expect(next.state == .confirmed)
        #expect(events == [.paid, .confirmed])
        #expect(next.paidAt == now)
        #expect(next.holdExpiresAt == nil)
        #expect(next.updatedAt == now)
    }

    @Test func paymentOfAManualServiceWaitsForStaff() throws {
        let booking = Self.booking(.awaitingPayment, hold: instant("2026-03-01T10:30:00Z"))

        let (next, events) = try BookingLifecycle.apply(.markPaid, to: booking, service: paidManual, now: now)

        #expect(next.state == .pending)
        #expect(events == [.paid])
        #expect(next.paidAt == now)
        #expect(next.holdExpiresAt == nil)
    }

    @Test(arguments: [BookingState.pending, .confirmed, .declined, .cancelled, .expired])
    func onlyAnUnpaidBookingCanBeMarkedPaid(state: BookingState) {
        let error = refusal(.markPaid, on: Self.booking(state), service: paid)

        #expect(error == SlotlineError(.invalidState, field: "state", detail: state.rawValue))
    }

    // MARK: accept and decline

    @Test func staffAcceptAPendingBooking() throws {
        let (next, events) = try BookingLifecycle.apply(.accept, to: Self.booking(.pending), service: manual, now: now)

        #expect(next.state == .confirmed)
        #expect(events == [.confirmed])
    }

    @Test(arguments: [BookingState.awaitingPayment, .confirmed, .declined, .cancelled, .expired])
    func onlyAPendingBookingCanBeAccepted(state: BookingState) {
        #expect(refusal(.accept, on: Self.booking(state))?.code == .invalidState)
    }

    @Test(arguments: [BookingState.pending, .awaitingPayment])
    func staffDeclineABookingNotYetConfirmed(state: BookingState) throws {
        let booking = Self.booking(state, hold: instant("2026-03-01T10:30:00Z"), request: Self.cancelRequest)

        let (next, events) = try BookingLifecycle.apply(.decline, to: booking, service: manual, now: now)

        #expect(next.state == .declined)
        #expect(events == [.declined])
        #expect(next.request == nil)
        #expect(next.holdExpiresAt == nil)
        #expect(!next.state.holdsSlot)
    }

    @Test(arguments: [BookingState.confirmed, .declined, .cancelled, .expired])
    func aConfirmedOrFinishedBookingCannotBeDeclined(state: BookingState) {
        #expect(refusal(.decline, on: Self.booking(state))?.code == .invalidState)
    }

    // MARK: cancel

    @Test(arguments: [BookingState.awaitingPayment, .pending, .confirmed])
    func aBookingHoldingItsSlotCanBeCancelled(state: BookingState) throws {
        let booking = Self.booking(state, hold: instant("2026-03-01T10:30:00Z"), request: Self.moveRequest)

        let (next, events) = try BookingLifecycle.apply(.cancel, to: booking, service: auto, now: now)

        #expect(next.state == .cancelled)
        #expect(events == [.cancelled])
        #expect(next.request == nil)
        #expect(next.holdExpiresAt == nil)
    }

    @Test(arguments: [BookingState.declined, .cancelled, .expired])
    func aFinishedBookingCannotBeCancelledAgain(state: BookingState) {
        #expect(refusal(.cancel, on: Self.booking(state)) == SlotlineError(.invalidState, field: "state", detail: state.rawValue))
    }

    // MARK: expire

    @Test func anUnpaidBookingExpiresOnceItsHoldHasPassed() throws {
        let booking = Self.booking(.awaitingPayment, hold: instant("2026-03-01T11:59:59Z"))

        let (next, events) = try BookingLifecycle.apply(.expire, to: booking, service: paid, now: now)

        #expect(next.state == .expired)
        #expect(events == [.expired])
        #expect(next.holdExpiresAt == nil)
    }

    @Test func aHoldEndingNowHasPassed() throws {
        let booking = Self.booking(.awaitingPayment, hold: now)

        let (next, _) = try BookingLifecycle.apply(.expire, to: booking, service: paid, now: now)

        #expect(next.state == .expired)
    }

    @Test func anUnpaidBookingDoesNotExpireBeforeItsHoldEnds() {
        let booking = Self.booking(.awaitingPayment, hold: now.addingTimeInterval(1))

        #expect(refusal(.expire, on: booking, service: paid)?.code == .invalidState)
    }

    @Test func anUnpaidBookingWithoutAHoldNeverExpires() {
        #expect(refusal(.expire, on: Self.booking(.awaitingPayment, hold: nil), service: paid)?.code == .invalidState)
    }

    @Test(arguments: [BookingState.pending, .confirmed, .declined, .cancelled, .expired])
    func onlyUnpaidBookingsExpire(state: BookingState) {
        let booking = Self.booking(state, hold: instant("2026-03-01T11:00:00Z"))

        #expect(refusal(.expire, on: booking, service: paid)?.code == .invalidState)
    }

    // MARK: reschedule

    @Test(arguments: [BookingState.awaitingPayment, .pending, .confirmed])
    func staffRescheduleABookingHoldingItsSlot(state: BookingState) throws {
        let start = instant("2026-03-12T14:00:00Z"), end = instant("2026-03-12T15:00:00Z")

        let (next, events) = try BookingLifecycle.apply(.reschedule(startsAt: start, endsAt: end),
                                                        to: Self.booking(state, request: Self.moveRequest),
                                                        service: auto, now: now)

        #expect(next.startsAt == start)
        #expect(next.endsAt == end)
        #expect(next.state == state)
        #expect(next.request == nil)
        #expect(events == [.rescheduled])
    }

    @Test(arguments: [BookingState.declined, .cancelled, .expired])
    func aFinishedBookingCannotBeRescheduled(state: BookingState) {
        let action = BookingAction.reschedule(startsAt: instant("2026-03-12T14:00:00Z"), endsAt: instant("2026-03-12T15:00:00Z"))

        #expect(refusal(action, on: Self.booking(state))?.code == .invalidState)
    }

    // MARK: customer requests

    @Test func theCustomerAsksToCancel() throws {
        let (next, events) = try BookingLifecycle.apply(.requestChange(Self.cancelRequest), to: Self.booking(.confirmed),
                                                        service: auto, now: now)

        #expect(next.request == Self.cancelRequest)
        #expect(next.state == .confirmed)
        #expect(events == [.changeRequested])
    }

    @Test func aRescheduleRequestNeedsANewStart() {
        let request = ChangeRequest(kind: .reschedule, startsAt: nil, requestedAt: now)

        #expect(refusal(.requestChange(request), on: Self.booking(.confirmed)) == SlotlineError(.missingParameter, field: "startsAt"))
    }

    @Test func aSecondRequestWhileOneIsPendingIsRefused() {
        let booking = Self.booking(.confirmed, request: Self.moveRequest)

        #expect(refusal(.requestChange(Self.cancelRequest), on: booking)?.code == .requestAlreadyPending)
    }

    @Test(arguments: [BookingState.declined, .cancelled, .expired])
    func aFinishedBookingTakesNoRequests(state: BookingState) {
        #expect(refusal(.requestChange(Self.cancelRequest), on: Self.booking(state))?.code == .invalidState)
    }

    @Test func approvingACancelRequestCancels() throws {
        let booking = Self.booking(.confirmed, request: Self.cancelRequest)

        let (next, events) = try BookingLifecycle.apply(.approveRequest(endsAt: nil), to: booking, service: auto, now: now)

        #expect(next.state == .cancelled)
        #expect(next.request == nil)
        #expect(events == [.cancelled])
    }

    @Test func approvingARescheduleRequestMovesTheBooking() throws {
        let booking = Self.booking(.confirmed, request: Self.moveRequest)

        let (next, events) = try BookingLifecycle.apply(.approveRequest(endsAt: instant("2026-03-10T10:00:00Z")),
                                                        to: booking, service: auto, now: now)

        #expect(next.startsAt == instant("2026-03-10T09:00:00Z"))
        #expect(next.endsAt == instant("2026-03-10T10:00:00Z"))
        #expect(next.state == .confirmed)
        #expect(next.request == nil)
        #expect(events == [.rescheduled])
    }

    @Test func approvingARescheduleNeedsTheNewEnd() {
        let booking = Self.booking(.confirmed, request: Self.moveRequest)

        #expect(refusal(.approveRequest(endsAt: nil), on: booking)?.code == .missingParameter)
    }

    @Test func rejectingARequestKeepsTheBookingAsItWas() throws {
        let booking = Self.booking(.confirmed, request: Self.moveRequest)

        let (next, events) = try BookingLifecycle.apply(.rejectRequest, to: booking, service: auto, now: now)

        #expect(next.request == nil)
        #expect(next.state == .confirmed)
        #expect(next.startsAt == booking.startsAt)
        #expect(events == [.changeRejected])
    }

    @Test func aNewRequestMayFollowARejectedOne() throws {
        let (rejected, _) = try BookingLifecycle.apply(.rejectRequest, to: Self.booking(.confirmed, request: Self.moveRequest),
                                                       service: auto, now: now)

        let (next, _) = try BookingLifecycle.apply(.requestChange(Self.cancelRequest), to: rejected, service: auto, now: now)

        #expect(next.request?.kind == .cancel)
    }

    @Test func approvingOrRejectingWithoutARequestIsRefused() {
        #expect(refusal(.approveRequest(endsAt: nil), on: Self.booking(.confirmed))?.code == .noPendingRequest)
        #expect(refusal(.rejectRequest, on: Self.booking(.confirmed))?.code == .noPendingRequest)
    }

    // MARK: sequence

    @Test func sequenceGrowsWithEveryChangeTheCustomerIsToldAbout() throws {
        var booking = Self.booking(.awaitingPayment, hold: instant("2026-03-01T13:00:00Z"))
        var sequences = [booking.sequence]
        let steps: [(BookingAction, Service)] = [
            (.markPaid, paidManual),
            (.accept, paidManual),
            (.reschedule(startsAt: instant("2026-03-11T09:00:00Z"), endsAt: instant("2026-03-11T10:00:00Z")), paidManual),
            (.cancel, paidManual),
        ]
        for (action, service) in steps {
            booking = try BookingLifecycle.apply(action, to: booking, service: service, now: now).0
            sequences.append(booking.sequence)
        }

        #expect(sequences == [0, 1, 2, 3, 4])
    }

    @Test func paymentThatConfirmsRaisesTheSequenceLikeAcceptDoes() throws {
        let unpaid = Self.booking(.awaitingPayment, hold: instant("2026-03-01T13:00:00Z"), sequence: 3)

        let (paidNow, _) = try BookingLifecycle.apply(.markPaid, to: unpaid, service: paid, now: now)
        let (accepted, _) = try BookingLifecycle.apply(.accept, to: Self.booking(.pending, sequence: 3), service: manual, now: now)

        #expect(paidNow.sequence == 4)
        #expect(accepted.sequence == 4)
    }

    @Test(arguments: [BookingState.pending, .awaitingPayment])
    func decliningOrExpiringRaisesTheSequence(state: BookingState) throws {
        let booking = Self.booking(state, hold: instant("2026-03-01T11:00:00Z"), sequence: 2)
        let action: BookingAction = state == .pending ? .decline : .expire

        let (next, _) = try BookingLifecycle.apply(action, to: booking, service: paid, now: now)

        #expect(next.sequence == 3)
    }

    @Test func requestsAndRejectionsLeaveTheSequenceAlone() throws {
        let booking = Self.booking(.confirmed, sequence: 2)

        let (requested, _) = try BookingLifecycle.apply(.requestChange(Self.moveRequest), to: booking, service: auto, now: now)
        let (rejected, _) = try BookingLifecycle.apply(.rejectRequest, to: requested, service: auto, now: now)

        #expect(requested.sequence == 2)
        #expect(rejected.sequence == 2)
    }

    @Test func onlyHeldAndConfirmedBookingsKeepTheirSlot() {
        let holding = BookingState.allCases.filter(\.holdsSlot)

        #expect(holding == [.awaitingPayment, .pending, .confirmed])
        #expect(BookingState.allCases.filter(\.isFinal) == [.declined, .cancelled, .expired])
    }
}

@Suite struct BookingReferenceTests {
    @Test func theReferenceIsTheIdsLastEightCharactersUpperCased() {
        var booking = Booking(id: "01a23b2c-1c65-7349-b788-a837d170350f", workspaceId: "w", serviceId: "s", practitionerId: "p",
                              state: .pending, startsAt: Date(timeIntervalSince1970: 0), endsAt: Date(timeIntervalSince1970: 3600),
                              customer: Customer(name: "Grace", email: "grace@example.com", timeZone: "UTC"),
                              createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        #expect(booking.reference == "D170350F")
        booking.id = "01a23b2c-1c65-7349-b788-a837d1703510"
        #expect(booking.reference == "D1703510")
    }
}
