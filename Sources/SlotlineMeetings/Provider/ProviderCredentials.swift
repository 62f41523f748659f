/// What a provider call runs as: the connection's tokens for OAuth providers, nothing for the
/// sandbox and Jitsi.
public struct ProviderCredentials: Sendable {
    public var tokens: (any AccessTokenSource)?

    public init(tokens: any AccessTokenSource) { self.tokens = tokens }

    private init() { self.tokens = nil }

    /// For providers that need no account (sandbox, Jitsi).
    public static let none = ProviderCredentials()

    /// The token source, or `.accessTokenRejected` when a provider that needs one got none.
    func requireTokens() throws -> any AccessTokenSource {
        guard let tokens else { throw MeetingProviderError.accessTokenRejected }
        return tokens
    }
}
