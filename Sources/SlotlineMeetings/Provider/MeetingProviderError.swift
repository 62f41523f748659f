/// Why a provider call failed, in the terms a durable job acts on. Messages come from this side or
/// from the provider's error body with every secret of the request removed: no token, code or
/// client secret ever appears in one.
public enum MeetingProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 429: retry after the given delay, or with backoff when the provider named none.
    case rateLimited(retryAfter: Duration?)
    /// 5xx, timeouts, connection errors, a meeting busy in progress: retry with backoff. A create
    /// that failed this way may have succeeded: `find(marker:)` before creating again.
    case transient(String)
    /// The API refused the access token even after one fresh token: the connection needs attention.
    case accessTokenRejected
    /// The refresh token or authorization code is dead (`invalid_grant`): the connection needs
    /// reconnecting; do not retry.
    case grantRevoked
    /// The provider refused the request itself (validation, permissions): permanent.
    case invalidRequest(String)
    /// The meeting (or user) does not exist on the provider.
    case notFound

    /// Stable codes for job logs and the API; never rename one.
    public var code: String {
        switch self {
        case .rateLimited: "provider_rate_limited"
        case .transient: "provider_unavailable"
        case .accessTokenRejected: "provider_access_token_rejected"
        case .grantRevoked: "provider_grant_revoked"
        case .invalidRequest: "provider_invalid_request"
        case .notFound: "provider_not_found"
        }
    }

    /// Whether trying the same call again later can succeed.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .transient: true
        case .accessTokenRejected, .grantRevoked, .invalidRequest, .notFound: false
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter?): "rate limited by the provider, retry after \(retryAfter)"
        case .rateLimited(nil): "rate limited by the provider"
        case .transient(let message): "provider unavailable: \(message)"
        case .accessTokenRejected: "the provider rejected the access token"
        case .grantRevoked: "the provider authorization was revoked or has expired; reconnect the account"
        case .invalidRequest(let message): "the provider refused the request: \(message)"
        case .notFound: "not found on the provider"
        }
    }
}
