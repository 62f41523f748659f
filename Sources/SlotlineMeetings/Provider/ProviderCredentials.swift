/// What a provider call runs as: the connection's tokens for OAuth providers, nothing for the
/// sandbox and Jitsi.
public struct ProviderCredentials: Sendable {
    public var tokens: (any AccessTokenSource)?
    /// The provider user meetings are made for, with an account-wide token (a Zoom Server-to-Server
    /// app's licensed user); nil: the token's own user.
    public var hostUserId: String?

    public init(tokens: any AccessTokenSource, hostUserId: String? = nil) {
        self.tokens = tokens
        self.hostUserId = hostUserId
    }

    private init() {
        tokens = nil
        hostUserId = nil
    }

    /// For providers that need no account (sandbox, Jitsi).
    public static let none = ProviderCredentials()

    /// The token source, or `.accessTokenRejected` when a provider that needs one got none.
    func requireTokens() throws -> any AccessTokenSource {
        guard let tokens else { throw MeetingProviderError.accessTokenRejected }
        return tokens
    }
}
