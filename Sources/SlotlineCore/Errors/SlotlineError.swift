import Foundation

/// A failure the user can act on: a stable `code`, the offending `field`, and the values
/// the localized message needs. HTTP status mapping lives in one place, in the server.
public struct SlotlineError: Error, Equatable, Sendable {
    public var code: ErrorCode
    public var field: String?
    /// Extra values for the message (for example the allowed maximum).
    public var detail: String?
    /// Start times that would work instead (`no_free_line`): clients offer them rather than make people guess.
    public var nearestStarts: [Date]

    public init(_ code: ErrorCode, field: String? = nil, detail: String? = nil, nearestStarts: [Date] = []) {
        self.code = code
        self.field = field
        self.detail = detail
        self.nearestStarts = nearestStarts
    }

    public static func invalid(_ field: String, _ detail: String? = nil) -> SlotlineError {
        SlotlineError(.invalidParameter, field: field, detail: detail)
    }

    public static func missing(_ field: String) -> SlotlineError {
        SlotlineError(.missingParameter, field: field)
    }

    public static func notFound(_ field: String) -> SlotlineError {
        SlotlineError(.notFound, field: field)
    }
}

/// Stable error codes. The raw value is what clients see; never rename one.
public enum ErrorCode: String, Sendable, CaseIterable {
    case invalidJSON = "invalid_json"
    case invalidParameter = "invalid_parameter"
    case missingParameter = "missing_parameter"
    case invalidTimeZone = "invalid_time_zone"
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case unauthenticated = "unauthenticated"
    case invalidCredentials = "invalid_credentials"
    /// A signed request (a provider's webhook) whose signature is missing, wrong, or too old.
    case invalidSignature = "invalid_signature"
    case forbidden = "forbidden"
    case alreadyExists = "already_exists"
    case slotUnavailable = "slot_unavailable"
    case outsideAvailability = "outside_availability"
    /// Within the hours but not an offered start time; `detail` names the nearest ones.
    case offSlotGrid = "off_slot_grid"
    case tooSoon = "too_soon"
    case tooFarAhead = "too_far_ahead"
    case invalidState = "invalid_state"
    case noPendingRequest = "no_pending_request"
    case requestAlreadyPending = "request_already_pending"
    case idempotencyConflict = "idempotency_conflict"
    case serviceUnavailable = "service_unavailable"
    case noFreeLine = "no_free_line"
    case accountInUse = "account_in_use"
    case providerNotConfigured = "provider_not_configured"
    case authorizationFailed = "authorization_failed"
    /// A page's form without its token, with a forged one, or left open too long (cross-site request protection).
    case formExpired = "form_expired"
    /// Too many sign-in attempts for one account or from one address; `detail` is the wait in seconds.
    case tooManyAttempts = "too_many_attempts"
    case internalError = "internal_error"
}
