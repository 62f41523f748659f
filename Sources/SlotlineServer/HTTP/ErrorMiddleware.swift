import Foundation
import Hummingbird
import Logging
import SlotlineCore

/// Turns every failure into `{"error": {"code", "message", "field"}}` in the caller's language.
/// Unexpected errors are logged with their detail and answered without it.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SlotlineContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.classify(error)
            if failure.code == .internalError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return Self.response(for: failure, language: Language.negotiate(request.headers[.acceptLanguage]))
        }
    }

    static func classify(_ error: any Error) -> SlotlineError {
        switch error {
        case let error as SlotlineError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound: return SlotlineError(.notFound, field: "route")
            case .contentTooLarge: return SlotlineError(.payloadTooLarge, field: "body")
            case .methodNotAllowed: return SlotlineError(.methodNotAllowed)
            case .unauthorized: return SlotlineError(.unauthenticated)
            case .badRequest: return SlotlineError(.invalidParameter, field: "request")
            default: return SlotlineError(.internalError)
            }
        case is DecodingError:
            return RequestBody.describe(error as! DecodingError)
        default:
            return SlotlineError(.internalError)
        }
    }

    static func response(for error: SlotlineError, language: Language) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                let code: String
                let message: String
                let field: String?
            }
            let error: Detail
        }
        let body = Body(error: .init(code: error.code.rawValue, message: ErrorMessages.message(for: error, in: language), field: error.field))
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        return Response(status: error.code.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
