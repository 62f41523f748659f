import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// Staff sign-in with a session cookie, sign-out, and API keys.
struct AuthController {
    let store: Store
    let settings: ServerSettings
    let access: StaffAccess

    struct Login: Decodable {
        /// Needed only when the email is staff of several workspaces.
        let workspace: String?
        let email: String
        let password: String
    }

    struct StaffView: ResponseEncodable {
        let id: String
        let workspaceId: String
        let email: String
        let name: String
        let role: StaffRole
        let practitionerId: String?

        init(_ user: StaffUser) {
            id = user.id
            workspaceId = user.workspaceId
            email = user.email
            name = user.name
            role = user.role
            practitionerId = user.practitionerId
        }
    }

    struct NewKey: Decodable {
        let name: String?
    }

    struct KeyView: ResponseEncodable {
        let apiKey: String
        let name: String
    }

    func addPublicRoutes(to group: RouterGroup<SlotlineContext>) {
        group.post("auth/login", use: login)
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.post("auth/logout", use: logout)
        group.get("auth/me", use: me)
        group.post("api-keys", use: createKey)
    }

    @Sendable func login(request: Request, context: SlotlineContext) async throws -> Response {
        let input = try await RequestBody.decode(Login.self, from: request, context: context)
        let (user, token) = try await access.signIn(workspace: input.workspace, email: input.email, password: input.password,
                                                    from: context.remoteAddress)
        var response = try StaffView(user).response(from: request, context: context)
        SessionCookie(settings: settings).set(token, on: &response)
        return response
    }

    @Sendable func logout(request: Request, context: SlotlineContext) async throws -> Response {
        if let token = SessionCookie.token(of: request) { try await access.signOut(session: token) }
        var response = Response(status: .noContent)
        SessionCookie(settings: settings).clear(on: &response)
        return response
    }

    @Sendable func me(request: Request, context: SlotlineContext) async throws -> StaffView {
        StaffView(try context.requireStaff())
    }

    @Sendable func createKey(request: Request, context: SlotlineContext) async throws -> EditedResponse<KeyView> {
        let user = try context.requireStaff()
        let input = try await RequestBody.decode(NewKey.self, from: request, context: context)
        let name = try FieldInput.text(input.name, field: "name", max: 100) ?? "API key"
        let key = try await access.createAPIKey(for: user, name: name)
        return EditedResponse(status: .created, response: KeyView(apiKey: key, name: name))
    }
}
