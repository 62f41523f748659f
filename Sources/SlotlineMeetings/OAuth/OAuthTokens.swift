import Foundation

/// What a token endpoint grants. Secret: store it sealed (it is `Codable` for that), never log it.
/// Printing it shows only the expiry and scope.
public struct OAuthTokens: Hashable, Codable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessToken: String
    /// The token for the next refresh. Zoom and Microsoft rotate it: store this one in place of
    /// the one just used, which stops working at once.
    public var refreshToken: String?
    public var expiresAt: Date
    /// The scopes granted, space-separated as the provider wrote them.
    public var scope: String

    public init(accessToken: String, refreshToken: String?, expiresAt: Date, scope: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
    }

    /// Whether the access token should be refreshed before use at `now` (a margin covers clock
    /// skew and the call itself).
    public func needsRefresh(at now: Date, margin: TimeInterval = 300) -> Bool {
        expiresAt.timeIntervalSince(now) < margin
    }

    public var description: String { "OAuthTokens(expiresAt: \(expiresAt), scope: \(scope))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["expiresAt": expiresAt, "scope": scope]) }
}
