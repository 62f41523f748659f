import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// A practitioner's online meeting tools: connect (OAuth for Zoom, one click for the sandbox and
/// Jitsi), set the default tool, disconnect. Owners, admins and the practitioner's own user.
public struct ProviderConnections: Sendable {
    let store: Store
    let settings: ServerSettings
    let registry: ProviderRegistry

    /// How long an OAuth authorization may take between leaving Slotline and coming back.
    static let stateLifetime: TimeInterval = 600

    /// What connecting a tool needs next.
    public enum Start: Sendable {
        /// Connected at once (tools without accounts of their own).
        case connected(Connection)
        /// The staff member authorizes at the provider, which sends the browser back to the callback.
        case authorize(url: String)
    }

    /// A practitioner's tools: the default, what this server offers, and the connections.
    public struct Tools: Sendable {
        public var defaultProvider: ProviderKind?
        public var available: [ProviderKind]
        public var connections: [Connection]
    }

    /// Tools staff may connect on this server.
    public var available: [ProviderKind] { registry.available }

    /// The practitioner `id`, if `user` may manage its tools.
    public func practitioner(id: String, managedBy user: StaffUser) async throws -> Practitioner {
        guard let practitioner = try await store.practitioners.find(id: id, workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("practitioner")
        }
        guard user.role.canConfigure || user.practitionerId == practitioner.id else { throw SlotlineError(.forbidden) }
        return practitioner
    }

    public func tools(of practitioner: Practitioner) async throws -> Tools {
        Tools(defaultProvider: try await defaultProvider(practitionerId: practitioner.id), available: registry.available,
              connections: try await store.connections.list(practitionerId: practitioner.id, workspaceId: practitioner.workspaceId))
    }

    /// The back-office page of a practitioner's tools (the user's own practitioner's, or the
    /// workspace's first, when none is named), where a browser returns after authorizing.
    public func settingsPage(of practitionerId: String?, for user: StaffUser) async throws -> String? {
        guard let workspace = try await store.workspaces.find(id: user.workspaceId) else { return nil }
        let id = practitionerId ?? user.practitionerId ?? ""
        return "/admin/\(workspace.slug)/availability?practitioner=\(id)"
    }

    /// The tool new meetings of this practitioner use, if one is chosen.
    public func defaultProvider(practitionerId: String) async throws -> ProviderKind? {
        try await store.connections.defaultProvider(practitionerId: practitionerId)
    }

    /// Connects a one-click tool at once; for an OAuth provider, keeps a state bound to this staff
    /// user (with a PKCE verifier) and answers with the provider's authorize URL.
    public func start(_ provider: ProviderKind, practitioner: Practitioner, by user: StaffUser) async throws -> Start {
        guard registry.available.contains(provider) else { throw SlotlineError(.providerNotConfigured, field: provider.rawValue) }
        guard registry.usesOAuth(provider) else {
            let account = try await registry.provider(provider).account(credentials: .none)
            let connection = try await OneClickConnection.connect(provider, label: account.label, practitioner: practitioner, store: store)
            try await audit("connection.created", connection, user: user)
            try await BookingMeetings(store: store).wantWaiting(practitionerId: practitioner.id, workspaceId: user.workspaceId)
            return .connected(connection)
        }
        return .authorize(url: try await authorizeURL(provider, practitionerId: practitioner.id, by: user))
    }

    /// An account of an OAuth provider for the workspace pool: once authorized, it becomes a line.
    /// Owners and admins only.
    public func startLine(_ provider: ProviderKind, by user: StaffUser) async throws -> String {
        guard user.role.canConfigure else { throw SlotlineError(.forbidden) }
        guard registry.available.contains(provider), registry.usesOAuth(provider) else {
            throw SlotlineError(.providerNotConfigured, field: provider.rawValue)
        }
        return try await authorizeURL(provider, practitionerId: nil, by: user)
    }

    /// Where the browser goes back after connecting: the practitioner's tools, or the lines.
    public func returnPage(after connection: Connection, for user: StaffUser) async throws -> String? {
        guard connection.practitionerId == nil else {
            return try await settingsPage(of: connection.practitionerId, for: user).map { $0 + "&done=connected" }
        }
        return try await store.workspaces.find(id: user.workspaceId).map { "/admin/\($0.slug)/lines?done=line_added" }
    }

    private func authorizeURL(_ provider: ProviderKind, practitionerId: String?, by user: StaffUser) async throws -> String {
        let oauth = try registry.oauth(provider)
        let pkce = PKCE()
        let state = Secrets.token(prefix: "st")
        let redirectURI = "\(settings.publicURL)/api/v1/oauth/\(provider.rawValue)/callback"
        try await store.connections.saveState(OAuthState(
            state: state, workspaceId: user.workspaceId, practitionerId: practitionerId, staffUserId: user.id, provider: provider,
            sealedVerifier: try settings.vault.seal(pkce.verifier), redirectURI: redirectURI,
            expiresAt: store.time.now().addingTimeInterval(Self.stateLifetime)))
        return oauth.authorizeURL(state: state, codeChallenge: pkce.challenge, redirectURI: redirectURI)
    }

    /// The provider sent the browser back: the state must be this user's and fresh; the code is
    /// exchanged, the account read, and the tokens kept sealed. A grant that serves no one is given back.
    public func finish(_ provider: ProviderKind, state stateText: String, code: String, by user: StaffUser) async throws -> Connection {
        guard let state = try await store.connections.takeState(stateText, staffUserId: user.id, provider: provider),
              state.workspaceId == user.workspaceId else {
            throw SlotlineError(.authorizationFailed, field: "state")
        }
        let oauth = try registry.oauth(provider)
        let tokens: OAuthTokens
        let account: ProviderAccount
        do {
            tokens = try await oauth.exchange(code: code, verifier: try settings.vault.open(state.sealedVerifier), redirectURI: state.redirectURI)
            let access = tokens.accessToken
            let source = ClosureAccessTokenSource(current: { access }, fresh: { _ in throw MeetingProviderError.accessTokenRejected })
            account = try await registry.provider(provider).account(credentials: ProviderCredentials(tokens: source))
        } catch let error as MeetingProviderError {
            throw SlotlineError(.authorizationFailed, field: "code", detail: error.code)
        }
        let connection: Connection
        do {
            let (made, replaced) = try await store.connections.connect(
                workspaceId: user.workspaceId, practitionerId: state.practitionerId, provider: provider,
                externalUserId: account.externalUserId, label: account.label, scope: tokens.scope,
                tokens: SealedTokens(access: try settings.vault.seal(tokens.accessToken), refresh: try tokens.refreshToken.map(settings.vault.seal),
                                     accessExpiresAt: tokens.expiresAt))
            connection = made
            for old in replaced { await revoke(old, with: oauth) }
        } catch let error as SlotlineError where error.code == .accountInUse {
            try? await oauth.revoke(token: tokens.refreshToken ?? tokens.accessToken)
            throw error
        }
        try await audit("connection.created", connection, user: user)
        if let practitionerId = state.practitionerId {
            try await BookingMeetings(store: store).wantWaiting(practitionerId: practitionerId, workspaceId: user.workspaceId)
        } else {
            try await LinePool(store: store, registry: registry).connected(connection)
        }
        return connection
    }

    /// Deletes the tokens (revoking them where the provider allows) and stops new meetings on the account.
    public func disconnect(_ provider: ProviderKind, practitioner: Practitioner, by user: StaffUser) async throws {
        // A practitioner has at most one live connection per provider, so the provider names it.
        guard let connection = try await store.connections.live(practitionerId: practitioner.id, provider: provider) else {
            throw SlotlineError.notFound("connection")
        }
        let sealed = try await store.connections.disconnect(id: connection.id, workspaceId: user.workspaceId)
        if registry.usesOAuth(connection.provider), let sealed, let oauth = try? registry.oauth(connection.provider) {
            await revoke(sealed, with: oauth)
        }
        if try await store.connections.defaultProvider(practitionerId: practitioner.id) == connection.provider {
            try await store.connections.setDefaultProvider(nil, practitionerId: practitioner.id, workspaceId: user.workspaceId)
        }
        try await audit("connection.deleted", connection, user: user)
    }

    /// The tool new meetings of this practitioner use; it must be connected. Nil clears it.
    public func setDefault(_ provider: ProviderKind?, practitioner: Practitioner, by user: StaffUser) async throws {
        if let provider {
            guard let connection = try await store.connections.live(practitionerId: practitioner.id, provider: provider),
                  connection.state == .connected else {
                throw SlotlineError.invalid("provider", "a connected tool of this practitioner")
            }
        }
        try await store.connections.setDefaultProvider(provider, practitionerId: practitioner.id, workspaceId: user.workspaceId)
        try await BookingMeetings(store: store).wantWaiting(practitionerId: practitioner.id, workspaceId: user.workspaceId)
    }

    /// Best effort: the tokens are gone here whatever the provider answers.
    private func revoke(_ sealed: SealedTokens, with oauth: OAuthClient) async {
        guard let token = try? sealed.refresh.map(settings.vault.open) ?? settings.vault.open(sealed.access) else { return }
        try? await oauth.revoke(token: token)
    }

    private func audit(_ action: String, _ connection: Connection, user: StaffUser) async throws {
        try await store.audit.record(AuditEntry(workspaceId: connection.workspaceId, actorId: user.id, action: action,
                                                subjectType: "connection", subjectId: connection.id,
                                                detail: "\(connection.provider) \(connection.label)", createdAt: store.time.now()))
    }
}
