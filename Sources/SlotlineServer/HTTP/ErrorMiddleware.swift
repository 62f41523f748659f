import Foundation
import Hummingbird
import Logging
import SlotlineCore

/// Turns every failure into `{"error": {"code", "message", "field"}}` in the caller's language,
/// or, for a page, into a page saying the same. Unexpected errors are
/// logged with their detail and answered without it.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SlotlineContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.classify(error)
            if failure.code == .internalError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if Self.wantsPage(request) { return page(for: failure, request: request) }
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

    /// A page's path, or a browser asking for HTML anywhere but the API and incoming webhooks.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        if ["/w/", "/manage/", "/admin"].contains(where: path.hasPrefix) { return true }
        if path.hasPrefix("/api/") || path.hasPrefix("/webhooks/") { return false }
        return request.headers[.accept]?.contains("text/html") == true
    }

    struct ErrorView {
        let title: String
        let message: String
        let backHref: String
    }

    /// The page for a failure: what went wrong in the visitor's language, and a way back.
    func page(for error: SlotlineError, request: Request) -> Response {
        let language = Pages.language(of: request)
        let words = Words(language)
        let titleKey = "page.error.\(error.code.rawValue)"
        var title = words.has(titleKey) ? words[titleKey] : words["page.error.title"]
        var message = error.code == .notFound ? words["page.error.not_found_text"] : ErrorMessages.message(for: error, in: language)
        // What was not found, where the pages name it (a manage link to no booking).
        if error.code == .notFound, let field = error.field, words.has("page.missing.\(field).title") {
            title = words["page.missing.\(field).title"]
            message = words["page.missing.\(field).text"]
        }
        let back = request.uri.path.hasPrefix("/admin") ? "/admin" : (request.headers[.referer].flatMap { URL(string: $0)?.path } ?? "/")
        let frame = PageFrame(language: language, title: title, path: Pages.path(of: request))
        return pages.render("error", view: ErrorView(title: title, message: message, backHref: back), frame: frame, request: request,
                            status: error.code.status)
    }

    static func response(for error: SlotlineError, language: Language) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                let code: String
                let message: String
                let field: String?
                let nearestStarts: [String]?
            }
            let error: Detail
        }
        let body = Body(error: .init(code: error.code.rawValue, message: ErrorMessages.message(for: error, in: language), field: error.field,
                                     nearestStarts: error.nearestStarts.isEmpty ? nil : error.nearestStarts.map { RFC3339.format($0, in: TimeZone(identifier: "UTC")!) }))
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        return Response(status: error.code.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
