import Foundation
import Hummingbird
import SlotlineCore
import SlotlineStore

/// Resolves the caller from an API key (`Authorization: Bearer sk_…`) or the session cookie,
/// and refuses anonymous calls to staff routes.
struct Authenticator: RouterMiddleware {
    typealias Context = SlotlineContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let user = try await store.staff.user(apiKey: String(parts[1])) else {
                throw SlotlineError(.unauthenticated, field: "Authorization")
            }
            context.staff = user
        } else if let token = SessionCookie.token(of: request),
                  let user = try await store.staff.user(session: token, now: store.time.now()) {
            context.staff = user
        }
        guard context.staff != nil else { throw SlotlineError(.unauthenticated) }
        return try await next(request, context)
    }
}
