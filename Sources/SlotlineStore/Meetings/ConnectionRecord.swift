import Foundation
import SlotlineCore

struct ConnectionRecord: Codable, Sendable {
    static let table = "connections"
    var id: String
    var workspaceId: String
    var practitionerId: String?
    var provider: String
    var externalUserId: String
    var label: String
    var state: String
    var sealedAccessToken: String?
    var sealedRefreshToken: String?
    var accessExpiresAt: Int64?
    var scope: String
    var refreshLockedBy: String?
    var refreshLockedUntil: Int64?
    var createdAt: Int64
    var updatedAt: Int64

    var model: Connection {
        Connection(id: id, workspaceId: workspaceId, practitionerId: practitionerId, provider: ProviderKind(rawValue: provider), externalUserId: externalUserId,
                   label: label, state: Connection.State(rawValue: state) ?? .disconnected, scope: scope,
                   createdAt: Date(unixSeconds: createdAt), updatedAt: Date(unixSeconds: updatedAt))
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
    public var practitionerId: String
    public var staffUserId: String
    public var provider: ProviderKind
    public var sealedVerifier: String
    public var redirectURI: String
    public var expiresAt: Date

    public init(state: String, workspaceId: String, practitionerId: String, staffUserId: String, provider: ProviderKind,
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

struct OAuthStateRecord: Codable, Sendable {
    static let table = "oauth_states"
    var state: String
    var workspaceId: String
    var practitionerId: String
    var staffUserId: String
    var provider: String
    var sealedVerifier: String
    var redirectURI: String
    var expiresAt: Int64

    enum CodingKeys: String, CodingKey {
        case state, workspaceId, practitionerId, staffUserId, provider, sealedVerifier
        case redirectURI = "redirectUri"
        case expiresAt
    }
}
