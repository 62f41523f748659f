import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import SlotlineCore
import SlotlineStore

/// Staff sign-in with a session cookie, sign-out, and API keys.
struct AuthController {
    let store: Store
    let settings: ServerSettings
    static let sessionLifetime: TimeInterval = 14 * 86_400

    struct Login: Decodable {
        let workspace: String
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
        let found = try await store.workspaces.find(slug: input.workspace)
        let credentials: (StaffUser, passwordHash: String)? = if let found {
            try await store.staff.credentials(workspaceId: found.id, email: input.email)
        } else { nil }
        // An unknown workspace or email costs the same bcrypt check, so the answer time reveals neither.
        let verified = await Passwords.verify(input.password, hash: credentials?.passwordHash ?? Passwords.unknownUserHash)
        guard let (user, _) = credentials, verified else {
            throw SlotlineError(.invalidCredentials)
        }
        let token = try await store.staff.createSession(for: user, lifetime: Self.sessionLifetime, now: store.time.now())
        var response = try StaffView(user).response(from: request, context: context)
        response.setCookie(Cookie(name: Authenticator.cookieName, value: token, maxAge: Int(Self.sessionLifetime),
                                  path: "/", secure: settings.publicURL.lowercased().hasPrefix("https://"), httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(request: Request, context: SlotlineContext) async throws -> Response {
        if let cookie = request.cookies[Authenticator.cookieName] { try await store.staff.endSession(cookie.value) }
        var response = Response(status: .noContent)
        response.setCookie(Cookie(name: Authenticator.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func me(request: Request, context: SlotlineContext) async throws -> StaffView {
        StaffView(try context.requireStaff())
    }

    @Sendable func createKey(request: Request, context: SlotlineContext) async throws -> EditedResponse<KeyView> {
        let user = try context.requireStaff()
        let input = try await RequestBody.decode(NewKey.self, from: request, context: context)
        let name = try Input.text(input.name, field: "name", max: 100) ?? "API key"
        let key = try await store.staff.createAPIKey(for: user, name: name, now: store.time.now())
        return EditedResponse(status: .created, response: KeyView(apiKey: key, name: name))
    }
}

/// bcrypt, run off the event loop: it is deliberately slow.
public enum Passwords {
    public static let minimumLength = 8
    /// Checked against when no such user exists; matches no password anyone can type (cost 10, like real hashes).
    static let unknownUserHash = Bcrypt.hash(Secrets.token(prefix: "nobody"), cost: 10)

    public static func hash(_ password: String) async throws -> String {
        guard password.count >= minimumLength, password.count <= 72 else {
            throw SlotlineError.invalid("password", "\(minimumLength)–72 characters")
        }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 10) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }
}
