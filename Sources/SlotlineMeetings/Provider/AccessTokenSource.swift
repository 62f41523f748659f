/// Where a provider gets the access token of a connection. The caller owns storage and refresh
/// (refreshes of one connection must be serialized because refresh tokens rotate); the provider
/// only asks, and asks for a fresh token at most once per call, when the API rejects the current one.
public protocol AccessTokenSource: Sendable {
    /// The token to use now (refreshed beforehand if it is about to expire).
    func accessToken() async throws -> String

    /// A token other than `rejected`, which the API just refused: refresh now, unless another
    /// process already did. Throw `MeetingProviderError.grantRevoked` when the grant is dead.
    func freshAccessToken(replacing rejected: String) async throws -> String
}

/// An `AccessTokenSource` made of two closures.
public struct ClosureAccessTokenSource: AccessTokenSource {
    private let current: @Sendable () async throws -> String
    private let fresh: @Sendable (String) async throws -> String

    public init(current: @escaping @Sendable () async throws -> String,
                fresh: @escaping @Sendable (_ rejected: String) async throws -> String) {
        self.current = current
        self.fresh = fresh
    }

    public func accessToken() async throws -> String { try await current() }

    public func freshAccessToken(replacing rejected: String) async throws -> String { try await fresh(rejected) }
}
