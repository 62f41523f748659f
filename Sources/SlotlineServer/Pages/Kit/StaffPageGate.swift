import Foundation
import Hummingbird
import SlotlineCore
import SlotlineStore

/// In front of every back-office page under `/admin/{slug}/…`: a visitor without a session is
/// sent to sign in (and back afterwards); a signed-in member of another workspace finds nothing.
struct StaffPageGate: RouterMiddleware {
    typealias Context = SlotlineContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = SessionCookie.token(of: request),
              let user = try await store.staff.user(session: token, now: store.time.now()) else {
            let next = request.method == .get ? request.uri.description : "/admin"
            return Pages.redirect("/admin/login?next=" + Pages.query(next))
        }
        guard let workspace = try await store.workspaces.find(slug: try context.parameters.require("slug")),
              workspace.id == user.workspaceId else {
            throw SlotlineError.notFound("workspace")
        }
        var context = context
        context.staff = user
        context.workspace = workspace
        return try await next(request, context)
    }
}
