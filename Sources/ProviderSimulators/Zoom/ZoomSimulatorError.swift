import Foundation
import HTTPTypes
import Hummingbird

/// Every error answer of the simulated Zoom, and the one place that turns it into HTTP.
struct ZoomSimulatorError: Error, HTTPResponseError {
    struct FieldError: Encodable, Sendable {
        let field: String
        let message: String
    }

    enum Body: Sendable {
        /// REST API: `{"code":…,"message":…[,"errors":[…]]}`.
        case api(code: Int, message: String, errors: [FieldError])
        /// OAuth token endpoint: `{"reason":…,"error":…}`.
        case oauth(error: String, reason: String)
        /// The authorize page, which a browser shows.
        case page(String)
    }

    let status: HTTPResponse.Status
    let body: Body
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch body {
        case .api(let code, let message, let errors):
            return ZoomJSON.response(APIBody(code: code, message: message, errors: errors.isEmpty ? nil : errors), status: status, headers: headers)
        case .oauth(let error, let reason):
            return ZoomJSON.response(["reason": reason, "error": error], status: status, headers: headers)
        case .page(let text):
            var headers = headers
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    private struct APIBody: Encodable {
        let code: Int
        let message: String
        let errors: [FieldError]?
    }
}

extension ZoomSimulatorError {
    static let invalidAccessToken = api(.unauthorized, 124, "Invalid access token.")
    static let invalidGrant = ZoomSimulatorError(status: .badRequest, body: .oauth(error: "invalid_grant", reason: "Invalid Token!"))
    static let invalidClient = ZoomSimulatorError(status: .unauthorized, body: .oauth(error: "invalid_client", reason: "Invalid client_id or client_secret"))
    static let serverError = api(.internalServerError, 500, "Internal server error, please try again later.")

    static func api(_ status: HTTPResponse.Status, _ code: Int, _ message: String) -> ZoomSimulatorError {
        ZoomSimulatorError(status: status, body: .api(code: code, message: message, errors: []))
    }

    static func oauth(_ error: String, _ reason: String) -> ZoomSimulatorError {
        ZoomSimulatorError(status: .badRequest, body: .oauth(error: error, reason: reason))
    }

    static func page(_ status: HTTPResponse.Status, _ text: String) -> ZoomSimulatorError {
        ZoomSimulatorError(status: status, body: .page(text))
    }

    static func validation(_ errors: [FieldError]) -> ZoomSimulatorError {
        ZoomSimulatorError(status: .badRequest, body: .api(code: 300, message: "Validation Failed.", errors: errors))
    }

    static func meetingNotFound(_ id: String) -> ZoomSimulatorError {
        api(.notFound, 3001, "Meeting does not exist: \(id).")
    }

    static func userNotFound(_ id: String) -> ZoomSimulatorError {
        api(.notFound, 1001, "User does not exist: \(id).")
    }

    /// 429; `retryAfter` nil leaves the `Retry-After` header out, as Zoom sometimes does.
    static func rateLimited(_ message: String, retryAfter: String?, type: String?) -> ZoomSimulatorError {
        var error = api(.tooManyRequests, 429, message)
        if let retryAfter { error.headers[.retryAfter] = retryAfter }
        if let type {
            error.headers[HTTPField.Name("X-RateLimit-Type")!] = type
            error.headers[HTTPField.Name("X-RateLimit-Remaining")!] = "0"
        }
        return error
    }
}

/// JSON answers in Zoom's shape.
enum ZoomJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = headers
        headers[.contentType] = "application/json;charset=UTF-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
