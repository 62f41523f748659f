import Foundation
import Hummingbird
import SlotlineCore
import SlotlineStore

/// What every back-office page shares: the layout with its navigation, and form tokens bound to
/// the staff member's session, so a form posted from another site (or another session) is refused.
struct StaffPages: Sendable {
    let pages: Pages
    let store: Store

    /// The signed-in member and their workspace, set by `StaffPageGate`.
    func caller(_ context: SlotlineContext) throws -> (StaffUser, Workspace) {
        guard let user = context.staff, let workspace = context.workspace else { throw SlotlineError(.unauthenticated) }
        return (user, workspace)
    }

    /// The caller, if their role may change the workspace's configuration.
    func configurer(_ context: SlotlineContext) throws -> (StaffUser, Workspace) {
        let (user, workspace) = try caller(context)
        guard user.role.canConfigure else { throw SlotlineError(.forbidden) }
        return (user, workspace)
    }

    func language(_ request: Request, _ context: SlotlineContext) -> Language {
        Pages.language(of: request, fallback: context.workspace?.defaultLanguage ?? .en)
    }

    func csrf(_ request: Request) -> String {
        pages.tokens.issue(for: Self.binding(request), now: store.time.now())
    }

    /// The posted form, once its token is checked.
    func form(_ request: Request, _ context: SlotlineContext) async throws -> FormData {
        let form = try await FormData.read(request, context: context)
        try pages.tokens.check(form[FormToken.field], for: Self.binding(request), now: store.time.now())
        return form
    }

    func render(_ template: String, view: Any, title: String, section: AdminFrame.Section, request: Request, context: SlotlineContext,
                status: HTTPResponse.Status = .ok, alert: String? = nil) throws -> Response {
        let (user, workspace) = try caller(context)
        let language = language(request, context)
        var frame = PageFrame(language: language, title: title + " · " + workspace.name, path: Pages.path(of: request))
        frame.csrf = csrf(request)
        frame.admin = AdminFrame(slug: workspace.slug, workspaceName: workspace.name, staffName: user.name,
                                 canConfigure: user.role.canConfigure, section: section)
        let words = Words(language)
        frame.notice = request.uri.queryParameters.get("done").flatMap { words.has("page.done_notice.\($0)") ? words["page.done_notice.\($0)"] : nil }
        frame.alert = alert
        return pages.render(template, view: view, frame: frame, request: request, status: status)
    }

    /// Staff forms are bound to the session that showed them.
    static func binding(_ request: Request) -> String { "staff:" + (SessionCookie.token(of: request) ?? "") }
}
