import Foundation

/// Something that can happen to a booking. Time changes are checked for conflicts by the caller,
/// which holds the practitioner's lock; this type only knows which state allows what.
public enum BookingAction: Sendable, Equatable {
    case markPaid
    case accept
    case decline
    case cancel
    case expire
    case reschedule(startsAt: Date, endsAt: Date)
    case requestChange(ChangeRequest)
    case approveRequest(endsAt: Date?)
    case rejectRequest
}

/// The booking state machine of SPEC §3.
public enum BookingLifecycle {
    /// The state a new booking starts in.
    public static func initialState(for service: Service, paid: Bool = false) -> BookingState {
        if service.requiresPayment && !paid { return .awaitingPayment }
        return service.requiresConfirmation ? .pending : .confirmed
    }

    /// Applies an action, returning the changed booking and what happened.
    public static func apply(_ action: BookingAction, to booking: Booking, service: Service, now: Date) throws -> (Booking, [BookingEvent]) {
        var next = booking
        next.updatedAt = now
        func refuse() -> SlotlineError { SlotlineError(.invalidState, field: "state", detail: booking.state.rawValue) }

        switch action {
        case .markPaid:
            guard booking.state == .awaitingPayment else { throw refuse() }
            next.paidAt = now
            next.holdExpiresAt = nil
            next.state = service.requiresConfirmation ? .pending : .confirmed
            next.sequence += 1
            return (next, next.state == .confirmed ? [.paid, .confirmed] : [.paid])
        case .accept:
            guard booking.state == .pending else { throw refuse() }
            next.state = .confirmed
            next.sequence += 1
            return (next, [.confirmed])
        case .decline:
            guard booking.state == .pending || booking.state == .awaitingPayment else { throw refuse() }
            next.state = .declined
            next.request = nil
            next.holdExpiresAt = nil
            next.sequence += 1
            return (next, [.declined])
        case .cancel:
            guard booking.state.holdsSlot else { throw refuse() }
            next.state = .cancelled
            next.request = nil
            next.holdExpiresAt = nil
            next.sequence += 1
            return (next, [.cancelled])
        case .expire:
            guard booking.state == .awaitingPayment, let hold = booking.holdExpiresAt, hold <= now else { throw refuse() }
            next.state = .expired
            next.holdExpiresAt = nil
            next.sequence += 1
            return (next, [.expired])
        case let .reschedule(startsAt, endsAt):
            guard booking.state.holdsSlot else { throw refuse() }
            next.startsAt = startsAt
            next.endsAt = endsAt
            next.request = nil
            next.sequence += 1
            return (next, [.rescheduled])
        case let .requestChange(request):
            guard booking.state.holdsSlot else { throw refuse() }
            guard booking.request == nil else { throw SlotlineError(.requestAlreadyPending) }
            if request.kind == .reschedule && request.startsAt == nil { throw SlotlineError.missing("startsAt") }
            next.request = request
            return (next, [.changeRequested])
        case let .approveRequest(endsAt):
            guard let request = booking.request else { throw SlotlineError(.noPendingRequest) }
            switch request.kind {
            case .cancel:
                return try apply(.cancel, to: booking, service: service, now: now)
            case .reschedule:
                guard let startsAt = request.startsAt, let endsAt else { throw SlotlineError.missing("startsAt") }
                return try apply(.reschedule(startsAt: startsAt, endsAt: endsAt), to: booking, service: service, now: now)
            }
        case .rejectRequest:
            guard booking.request != nil else { throw SlotlineError(.noPendingRequest) }
            next.request = nil
            return (next, [.changeRejected])
        }
    }
}
