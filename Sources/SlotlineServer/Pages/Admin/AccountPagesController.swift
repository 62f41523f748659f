import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// The pages before sign-in that set a password: "Forgot your password?" (the same answer whether
/// or not the email has an account) and the one-time links of an invitation or a reset.
struct AccountPagesController {
    let store: Store
    let desk: Desk
    let pages: Pages

    struct ForgotView {
        let csrf: String
        let sent: Bool
        let form: FormState
    }

    struct PasswordView {
        let csrf: String
        let valid: Bool
        let name: String
        let invite: Bool
        let form: FormState
        let action: String
    }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("admin/forgot", use: forgot)
        router.post("admin/forgot", use: sendReset)
        for purpose in [Staff.LinkPurpose.invite, .reset] {
            router.get("admin/\(purpose.rawValue)/:token") { request, context in try await passwordForm(purpose, request, context) }
            router.post("admin/\(purpose.rawValue)/:token") { request, context in try await setPassword(purpose, request, context) }
        }
    }

    @Sendable func forgot(request: Request, context: SlotlineContext) async throws -> Response {
        render("forgot", title: "page.account.forgot_title", request: request) { ForgotView(csrf: $0, sent: false, form: FormState()) }
    }

    @Sendable func sendReset(request: Request, context: SlotlineContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        try pages.tokens.check(form[FormToken.field], for: SignInPageController.binding(request.cookies[SignInPageController.formCookie]?.value),
                               now: store.time.now())
        if let email = form["email"] { try await desk.staffDirectory.requestPasswordReset(email: email) }
        return render("forgot", title: "page.account.forgot_title", request: request) { ForgotView(csrf: $0, sent: true, form: FormState()) }
    }

    func passwordForm(_ purpose: Staff.LinkPurpose, _ request: Request, _ context: SlotlineContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let member = try await desk.staffDirectory.member(link: token, purpose: purpose)
        return render("set-password", title: "page.account.\(purpose.rawValue)_title", request: request, status: member == nil ? .notFound : .ok) {
            PasswordView(csrf: $0, valid: member != nil, name: member?.name ?? "", invite: purpose == .invite, form: FormState(),
                         action: "/admin/\(purpose.rawValue)/\(token)")
        }
    }

    func setPassword(_ purpose: Staff.LinkPurpose, _ request: Request, _ context: SlotlineContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, context: context)
        let language = Pages.language(of: request)
        do {
            try pages.tokens.check(form[FormToken.field], for: SignInPageController.binding(request.cookies[SignInPageController.formCookie]?.value),
                                   now: store.time.now())
            let password = form.all("password").first ?? ""
            guard password == form.all("repeat").first ?? "" else { throw SlotlineError.invalid("repeat", Words(language)["page.account.mismatch"]) }
            _ = try await desk.staffDirectory.setPassword(link: token, purpose: purpose, password: password)
            return Pages.redirect("/admin/login?done=password")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let member = try await desk.staffDirectory.member(link: token, purpose: purpose)
            var state = FormState(form, failure: failure, language: language, knownFields: ["password", "repeat"])
            state["password"] = nil
            state["repeat"] = nil
            return render("set-password", title: "page.account.\(purpose.rawValue)_title", request: request, status: failure.code.status) {
                PasswordView(csrf: $0, valid: member != nil, name: member?.name ?? "", invite: purpose == .invite, form: state,
                             action: "/admin/\(purpose.rawValue)/\(token)")
            }
        }
    }

    private func render(_ template: String, title: String, request: Request, status: HTTPResponse.Status = .ok,
                        view: (String) -> Any) -> Response {
        let language = Pages.language(of: request)
        let (token, formCookie) = SignInPageController.browserToken(request, pages: pages, now: store.time.now())
        var response = pages.render(template, view: view(token), frame: PageFrame(language: language, title: Words(language)[title],
                                                                                  path: Pages.path(of: request)),
                                    request: request, status: status)
        response.setCookie(formCookie)
        return response
    }
}
