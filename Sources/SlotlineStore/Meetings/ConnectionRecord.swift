import Foundation
import SlotlineCore

/// A connection's row: the connection, its sealed tokens, and the lease of its token refresh.
struct ConnectionRecord: TableRecord {
    static let table = "connections"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let practitionerId = "practitioner_id"
        static let provider = "provider"
        static let externalUserId = "external_user_id"
        static let label = "label"
        static let state = "state"
        static let sealedAccessToken = "sealed_access_token"
        static let sealedRefreshToken = "sealed_refresh_token"
        static let accessExpiresAt = "access_expires_at"
        static let scope = "scope"
        /// The refresh lease (`Connections.acquireRefreshLease`): never set by an insert.
        static let refreshLockedBy = "refresh_locked_by"
        static let refreshLockedUntil = "refresh_locked_until"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    var connection: Connection
    var sealedAccessToken: String?
    var sealedRefreshToken: String?
    var accessExpiresAt: Date?

    static let fields: [Field<ConnectionRecord>] = [
        .value(Columns.id, \.connection.id),
        .value(Columns.workspaceId, \.connection.workspaceId),
        .value(Columns.practitionerId, \.connection.practitionerId),
        .value(Columns.provider, \.connection.provider),
        .value(Columns.externalUserId, \.connection.externalUserId),
        .value(Columns.label, \.connection.label),
        .raw(Columns.state, \.connection.state, unknown: .disconnected),
        .value(Columns.sealedAccessToken, \.sealedAccessToken),
        .value(Columns.sealedRefreshToken, \.sealedRefreshToken),
        .seconds(Columns.accessExpiresAt, \.accessExpiresAt),
        .value(Columns.scope, \.connection.scope),
        .seconds(Columns.createdAt, \.connection.createdAt),
        .seconds(Columns.updatedAt, \.connection.updatedAt),
    ]

    static let blank = ConnectionRecord(
        connection: Connection(id: "", workspaceId: "", practitionerId: nil, provider: ProviderKind(rawValue: ""), externalUserId: "",
                               label: "", createdAt: .distantPast, updatedAt: .distantPast))

    /// The sealed tokens, while the connection holds an access token.
    var tokens: SealedTokens? {
        sealedAccessToken.map { SealedTokens(access: $0, refresh: sealedRefreshToken, accessExpiresAt: accessExpiresAt) }
    }
}

/// A connection's tokens as stored: sealed by the caller's vault, never in clear.
public struct SealedTokens: Sendable, Equatable {
    public var access: String
    public var refresh: String?
    public var accessExpiresAt: Date?

    public init(access: String, refresh: String?, accessExpiresAt: Date?) {
        self.access = access
        self.refresh = refresh
        self.accessExpiresAt = accessExpiresAt
    }
}

/// An OAuth authorization in flight: bound to the staff user who started it, used once.
public struct OAuthState: Sendable, Equatable {
    public var state: String
    public var workspaceId: String
    /// Nil: the connection is for the workspace pool, as a line.
    public var practitionerId: String?
    public var staffUserId: String
    public var provider: ProviderKind
    public var sealedVerifier: String
    public var redirectURI: String
    public var expiresAt: Date

    public init(state: String, workspaceId: String, practitionerId: String?, staffUserId: String, provider: ProviderKind,
                sealedVerifier: String, redirectURI: String, expiresAt: Date) {
        self.state = state
        self.workspaceId = workspaceId
        self.practitionerId = practitionerId
        self.staffUserId = staffUserId
        self.provider = provider
        self.sealedVerifier = sealedVerifier
        self.redirectURI = redirectURI
        self.expiresAt = expiresAt
    }
}

extension OAuthState: TableRecord {
    static let table = "oauth_states"

    enum Columns {
        static let state = "state"
        static let workspaceId = "workspace_id"
        static let practitionerId = "practitioner_id"
        static let staffUserId = "staff_user_id"
        static let provider = "provider"
        static let sealedVerifier = "sealed_verifier"
        static let redirectURI = "redirect_uri"
        static let expiresAt = "expires_at"
    }

    static let fields: [Field<OAuthState>] = [
        .value(Columns.state, \.state),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.practitionerId, \.practitionerId),
        .value(Columns.staffUserId, \.staffUserId),
        .value(Columns.provider, \.provider),
        .value(Columns.sealedVerifier, \.sealedVerifier),
        .value(Columns.redirectURI, \.redirectURI),
        .seconds(Columns.expiresAt, \.expiresAt),
    ]

    static let blank = OAuthState(state: "", workspaceId: "", practitionerId: nil, staffUserId: "", provider: ProviderKind(rawValue: ""),
                                  sealedVerifier: "", redirectURI: "", expiresAt: .distantPast)
}
