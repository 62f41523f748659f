import Foundation
import Hummingbird
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// A practitioner's online meeting tools: connect (OAuth for Zoom, one click for the sandbox and
/// Jitsi), set the default tool, disconnect. Owners, admins and the practitioner's own user.
struct ConnectionController {
    let store: Store
    let settings: ServerSettings
    let registry: ProviderRegistry

    /// How long an OAuth authorization may take between leaving Slotline and coming back.
    static let stateLifetime: TimeInterval = 600

    struct ConnectionView: ResponseEncodable {
        let id: String
        let provider: String
        let label: String
        let state: Connection.State
        let isDefault: Bool
        let createdAt: String

        init(_ connection: Connection, defaultProvider: String?) {
            id = connection.id
            provider = connection.provider
            label = connection.label
            state = connection.state
            isDefault = defaultProvider == connection.provider
            createdAt = RFC3339.format(connection.createdAt, in: TimeZone(identifier: "UTC")!)
        }
    }

    struct ToolsView: ResponseEncodable {
        let defaultProvider: String?
        let available: [String]
        let connections: [ConnectionView]
    }

    struct AuthorizationView: ResponseEncodable {
        let provider: String
        let authorizeURL: String
    }

    struct DefaultInput: Decodable { var provider: String? }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("practitioners/:id/connections", use: list)
        group.post("practitioners/:id/connections/:provider", use: connect)
        group.delete("practitioners/:id/connections/:provider", use: disconnect)
        group.put("practitioners/:id/default-meeting-provider", use: setDefault)
        group.get("oauth/:provider/callback", use: callback)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ToolsView {
        let (_, practitioner) = try await practitioner(context)
        return try await tools(practitioner)
    }

    /// OAuth providers answer with the authorize URL (state bound to this staff user, PKCE);
    /// the others are connected at once.
    @Sendable func connect(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, practitioner) = try await practitioner(context)
        let provider = context.parameters.get("provider") ?? ""
        guard registry.available.contains(provider) else { throw SlotlineError(.providerNotConfigured, field: provider) }
        guard registry.usesOAuth(provider) else {
            let account = try await registry.provider(provider).account(credentials: .none)
            let connection = try await OneClickConnection.connect(provider, label: account.label, practitioner: practitioner, store: store)
            try await audit("connection.created", connection, user: user)
            let view = ConnectionView(connection, defaultProvider: try await store.connections.defaultProvider(practitionerId: practitioner.id))
            return try EditedResponse(status: .created, response: view).response(from: request, context: context)
        }
        let oauth = try registry.oauth(provider)
        let pkce = PKCE()
        let state = Secrets.token(prefix: "st")
        let redirectURI = "\(settings.publicURL)/api/v1/oauth/\(provider)/callback"
        try await store.connections.saveState(OAuthState(
            state: state, workspaceId: user.workspaceId, practitionerId: practitioner.id, staffUserId: user.id, provider: provider,
            sealedVerifier: try settings.vault.seal(pkce.verifier), redirectURI: redirectURI,
            expiresAt: store.time.now().addingTimeInterval(Self.stateLifetime)))
        let view = AuthorizationView(provider: provider,
                                     authorizeURL: oauth.authorizeURL(state: state, codeChallenge: pkce.challenge, redirectURI: redirectURI))
        return try EditedResponse(status: .ok, response: view).response(from: request, context: context)
    }

    /// The provider sends the browser back here: the state must be this user's and fresh.
    @Sendable func callback(request: Request, context: SlotlineContext) async throws -> ConnectionView {
        let user = try context.requireStaff()
        let provider = context.parameters.get("provider") ?? ""
        let query = request.uri.queryParameters
        if let error = query.get("error") { throw SlotlineError(.authorizationFailed, field: "error", detail: String(error.prefix(100))) }
        guard let stateText = query.get("state"), let code = query.get("code") else { throw SlotlineError.missing("code") }
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
            // The grant just made serves no one: give it back.
            try? await oauth.revoke(token: tokens.refreshToken ?? tokens.accessToken)
            throw error
        }
        try await audit("connection.created", connection, user: user)
        return ConnectionView(connection, defaultProvider: try await store.connections.defaultProvider(practitionerId: state.practitionerId))
    }

    /// Deletes the tokens (revoking them where the provider allows) and stops new meetings on the account.
    @Sendable func disconnect(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, practitioner) = try await practitioner(context)
        // A practitioner has at most one live connection per provider, so the provider names it.
        guard let connection = try await store.connections.live(practitionerId: practitioner.id, provider: context.parameters.get("provider") ?? "") else {
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
        return Response(status: .noContent)
    }

    /// The tool new meetings of this practitioner use; it must be connected. `null` clears it.
    @Sendable func setDefault(request: Request, context: SlotlineContext) async throws -> ToolsView {
        let (user, practitioner) = try await practitioner(context)
        let input = try await RequestBody.decode(DefaultInput.self, from: request, context: context)
        if let provider = input.provider {
            guard let connection = try await store.connections.live(practitionerId: practitioner.id, provider: provider),
                  connection.state == .connected else {
                throw SlotlineError.invalid("provider", "a connected tool of this practitioner")
            }
        }
        try await store.connections.setDefaultProvider(input.provider, practitionerId: practitioner.id, workspaceId: user.workspaceId)
        return try await tools(practitioner)
    }

    private func tools(_ practitioner: Practitioner) async throws -> ToolsView {
        let defaultProvider = try await store.connections.defaultProvider(practitionerId: practitioner.id)
        let connections = try await store.connections.list(practitionerId: practitioner.id, workspaceId: practitioner.workspaceId)
        return ToolsView(defaultProvider: defaultProvider, available: registry.available,
                         connections: connections.map { ConnectionView($0, defaultProvider: defaultProvider) })
    }

    /// The practitioner named in the path, if the caller may manage its tools.
    private func practitioner(_ context: SlotlineContext) async throws -> (StaffUser, Practitioner) {
        let user = try context.requireStaff()
        guard let practitioner = try await store.practitioners.find(id: context.parameters.id(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("practitioner")
        }
        guard user.role.canConfigure || user.practitionerId == practitioner.id else { throw SlotlineError(.forbidden) }
        return (user, practitioner)
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
