import Foundation
import SlotlineCore
import SlotlineStore

/// How staff get in: a session from their workspace, email and password, or an API key.
public struct StaffAccess: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// How long a session lasts after sign-in.
    public static let sessionLifetime: TimeInterval = 14 * 86_400

    /// The user and a new session token; `invalid_credentials` for anything wrong, answered in the
    /// same time whether the workspace, the email or the password was wrong.
    public func signIn(workspace slug: String, email: String, password: String) async throws -> (user: StaffUser, session: String) {
        let found = try await store.workspaces.find(slug: slug)
        let credentials: (StaffUser, passwordHash: String)? = if let found {
            try await store.staff.credentials(workspaceId: found.id, email: email)
        } else { nil }
        // An unknown workspace or email costs the same bcrypt check, so the answer time reveals neither.
        let verified = await Passwords.verify(password, hash: credentials?.passwordHash ?? Passwords.unknownUserHash)
        guard let (user, _) = credentials, verified else { throw SlotlineError(.invalidCredentials) }
        return (user, try await store.staff.createSession(for: user, lifetime: Self.sessionLifetime, now: store.time.now()))
    }

    public func signOut(session: String) async throws {
        try await store.staff.endSession(session)
    }

    /// A new API key acting as `user`, shown once (only its hash is kept).
    public func createAPIKey(for user: StaffUser, name: String) async throws -> String {
        try await store.staff.createAPIKey(for: user, name: name, now: store.time.now())
    }
}
