import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/admin/login` and `/admin/logout`: the back office's door. The rules (throttling, equal
/// answers for unknown and known emails, sessions) are `StaffAccess`'s, as for the API's sign-in.
struct SignInPageController {
    let store: Store
    let access: StaffAccess
    let pages: Pages
    let cookie: SessionCookie

    /// A random value in a cookie of its own binds the sign-in form to the browser that showed it,
    /// so another site cannot sign a visitor in to an account of its choosing.
    static let formCookie = "slotline_form"

    struct SignInView {
        let form: FormState
        let csrf: String
        let askWorkspace: Bool
    }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("admin", use: home)
        router.get("admin/login", use: page)
        router.post("admin/login", use: signIn)
        router.post("admin/logout", use: signOut)
    }

    @Sendable func home(request: Request, context: SlotlineContext) async throws -> Response {
        guard let user = try await signedIn(request),
              let workspace = try await store.workspaces.find(id: user.workspaceId) else { return Pages.redirect("/admin/login") }
        return Pages.redirect("/admin/\(workspace.slug)/bookings")
    }

    @Sendable func page(request: Request, context: SlotlineContext) async throws -> Response {
        if try await signedIn(request) != nil { return Pages.redirect(Self.destination(request.uri.queryParameters.get("next"))) }
        var form = FormState()
        form["next"] = request.uri.queryParameters.get("next")
        form["workspace"] = request.uri.queryParameters.get("workspace")
        return render(request, form: form, askWorkspace: form["workspace"] != nil)
    }

    @Sendable func signIn(request: Request, context: SlotlineContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let language = Pages.language(of: request)
        do {
            try pages.tokens.check(form[FormToken.field], for: Self.binding(request.cookies[Self.formCookie]?.value), now: store.time.now())
            guard let email = form["email"] else { throw SlotlineError.missing("email") }
            let (_, session) = try await access.signIn(workspace: form["workspace"], email: email, password: form.all("password").first ?? "",
                                                       from: context.remoteAddress)
            var response = Pages.redirect(Self.destination(form["next"]))
            cookie.set(session, on: &response)
            return response
        } catch let failure as SlotlineError where failure.code != .internalError {
            var state = FormState(form, failure: failure, language: language, knownFields: ["email", "workspace"])
            state["password"] = nil
            var response = render(request, form: state, askWorkspace: failure.field == "workspace" || form["workspace"] != nil,
                                  status: failure.code.status)
            if failure.code == .tooManyAttempts, let wait = failure.detail { response.headers[.retryAfter] = wait }
            return response
        }
    }

    @Sendable func signOut(request: Request, context: SlotlineContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        try pages.tokens.check(form[FormToken.field], for: StaffPages.binding(request), now: store.time.now())
        if let token = SessionCookie.token(of: request) { try await access.signOut(session: token) }
        var response = Pages.redirect("/admin/login")
        cookie.clear(on: &response)
        return response
    }

    private func render(_ request: Request, form: FormState, askWorkspace: Bool, status: HTTPResponse.Status = .ok) -> Response {
        let language = Pages.language(of: request)
        let words = Words(language)
        let (token, formCookie) = Self.browserToken(request, pages: pages, now: store.time.now())
        let view = SignInView(form: form, csrf: token, askWorkspace: askWorkspace)
        var frame = PageFrame(language: language, title: words["page.sign_in.title"], path: Pages.path(of: request))
        frame.notice = request.uri.queryParameters.get("done") == "password" ? words["page.account.password_set"] : nil
        var response = pages.render("sign-in", view: view, frame: frame, request: request, status: status)
        response.setCookie(formCookie)
        return response
    }

    private func signedIn(_ request: Request) async throws -> StaffUser? {
        guard let token = SessionCookie.token(of: request) else { return nil }
        return try await store.staff.user(session: token, now: store.time.now())
    }

    /// Forms shown before sign-in (sign-in, forgotten password, setting a password) are bound to the browser's form cookie.
    static func binding(_ browser: String?) -> String { "sign-in:" + (browser ?? "") }

    /// A form token for a page shown before sign-in, and the form cookie it is bound to (set it on the answer).
    static func browserToken(_ request: Request, pages: Pages, now: Date) -> (token: String, cookie: Cookie) {
        let browser = request.cookies[formCookie]?.value ?? Secrets.token(prefix: "f")
        return (pages.tokens.issue(for: binding(browser), now: now), pages.cookie(formCookie, value: browser, maxAge: Int(FormToken.lifetime)))
    }

    /// Only a back-office path of this site: never another origin (`//evil.example`).
    static func destination(_ next: String?) -> String {
        guard let next, next.hasPrefix("/admin/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/admin" }
        return next
    }
}
