import HTTPTypes
import SlotlineCore

extension ErrorCode {
    /// The one place an error code becomes an HTTP status.
    var status: HTTPResponse.Status {
        switch self {
        case .invalidJSON, .missingParameter, .invalidParameter, .invalidTimeZone: return .badRequest
        case .unauthenticated, .invalidCredentials, .invalidSignature: return .unauthorized
        case .forbidden, .formExpired: return .forbidden
        case .tooManyAttempts: return .tooManyRequests
        case .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .payloadTooLarge: return .contentTooLarge
        case .unsupportedMediaType: return .unsupportedMediaType
        case .alreadyExists, .slotUnavailable, .invalidState, .noPendingRequest, .requestAlreadyPending, .noFreeLine, .accountInUse:
            return .conflict
        case .providerNotConfigured, .authorizationFailed: return .badRequest
        case .outsideAvailability, .offSlotGrid, .tooSoon, .tooFarAhead, .idempotencyConflict: return .unprocessableContent
        case .serviceUnavailable: return .serviceUnavailable
        case .internalError: return .internalServerError
        }
    }
}
