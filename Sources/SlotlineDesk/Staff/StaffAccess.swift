import Foundation
import SlotlineCore
import SlotlineStore

/// How staff get in: a session from their email and password (and workspace, when the email is
/// staff of several), or an API key.
public struct StaffAccess: Sendable {
    let store: Store
    let throttle: SignInThrottle

    public init(store: Store, throttle: SignInThrottle = SignInThrottle()) {
        self.store = store
        self.throttle = throttle
    }

    /// How long a session lasts after sign-in.
    public static let sessionLifetime: TimeInterval = 14 * 86_400

    /// The user and a new session token. `invalid_credentials` for anything wrong, answered in the
    /// same time whether the workspace, the email or the password was wrong; `too_many_attempts`
    /// after repeated failures for the email or from the address; `missing_parameter` (workspace)
    /// when the password fits the email in several workspaces and none was named.
    public func signIn(workspace slug: String?, email: String, password: String,
                       from address: String? = nil) async throws -> (user: StaffUser, session: String) {
        let now = store.time.now()
        try await throttle.check(account: email, address: address, now: now)
        var candidates = try await store.staff.credentials(email: email)
        if let slug {
            let workspaceId = try await store.workspaces.find(slug: slug)?.id
            candidates = candidates.filter { $0.0.workspaceId == workspaceId }
        }
        // An unknown workspace or email costs the same bcrypt check, so the answer time reveals neither.
        if candidates.isEmpty { _ = await Passwords.verify(password, hash: Passwords.unknownUserHash) }
        var matched: [StaffUser] = []
        for (user, hash) in candidates where await Passwords.verify(password, hash: hash) { matched.append(user) }
        guard let user = matched.first else {
            await throttle.failed(account: email, address: address, now: now)
            throw SlotlineError(.invalidCredentials)
        }
        guard matched.count == 1 else { throw SlotlineError.missing("workspace") }
        await throttle.succeeded(account: email)
        return (user, try await store.staff.createSession(for: user, lifetime: Self.sessionLifetime, now: now))
    }

    public func signOut(session: String) async throws {
        try await store.staff.endSession(session)
    }

    /// A new API key acting as `user`, shown once (only its hash is kept).
    public func createAPIKey(for user: StaffUser, name: String) async throws -> String {
        try await store.staff.createAPIKey(for: user, name: name, now: store.time.now())
    }
}
