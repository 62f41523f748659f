import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// The access token of one connection, refreshed when it is about to expire or was refused.
/// Refresh tokens rotate, so only the holder of the connection's refresh lease refreshes, in any
/// process; the others wait and then read the new token.
struct ConnectionTokenSource: AccessTokenSource {
    let connectionId: String
    let store: Store
    let vault: Vault
    let oauth: OAuthClient
    /// Who holds the lease while refreshing (the job worker's name and the job).
    let holder: String

    /// Refresh this long before the access token expires.
    static let margin: TimeInterval = 300
    static let lease: TimeInterval = 60

    func accessToken() async throws -> String {
        let tokens = try await current()
        if let expires = tokens.accessExpiresAt, expires.timeIntervalSince(store.time.now()) > Self.margin {
            return try vault.open(tokens.access)
        }
        return try await refresh { token, expires in
            (expires?.timeIntervalSince(store.time.now()) ?? 0) > Self.margin ? token : nil
        }
    }

    func freshAccessToken(replacing rejected: String) async throws -> String {
        try await refresh { token, _ in token != rejected ? token : nil }
    }

    /// Refreshes unless `usable` accepts the token another process stored meanwhile.
    private func refresh(usable: (String, Date?) -> String?) async throws -> String {
        for _ in 0..<150 {
            let until = store.time.now().addingTimeInterval(Self.lease)
            guard try await store.connections.acquireRefreshLease(id: connectionId, holder: holder, until: until) else {
                // Another worker is refreshing: wait for its token.
                try await Task.sleep(for: .milliseconds(200))
                let tokens = try await current()
                if let token = usable(try vault.open(tokens.access), tokens.accessExpiresAt) { return token }
                continue
            }
            do {
                let tokens = try await current()
                if let token = usable(try vault.open(tokens.access), tokens.accessExpiresAt) {
                    try await store.connections.releaseRefreshLease(id: connectionId, holder: holder)
                    return token
                }
                guard let sealedRefresh = tokens.refresh else { throw MeetingProviderError.grantRevoked }
                let fresh = try await oauth.refresh(refreshToken: try vault.open(sealedRefresh))
                try await store.connections.storeRefreshed(id: connectionId, holder: holder, tokens: SealedTokens(
                    access: try vault.seal(fresh.accessToken), refresh: try fresh.refreshToken.map(vault.seal) ?? sealedRefresh,
                    accessExpiresAt: fresh.expiresAt))
                return fresh.accessToken
            } catch MeetingProviderError.grantRevoked {
                try await store.connections.markNeedsReconnect(id: connectionId)
                throw MeetingProviderError.grantRevoked
            } catch {
                try? await store.connections.releaseRefreshLease(id: connectionId, holder: holder)
                throw error
            }
        }
        throw MeetingProviderError.transient("the connection's token refresh is taking too long")
    }

    private func current() async throws -> SealedTokens {
        // No tokens: disconnected or needing a reconnect.
        guard let tokens = try await store.connections.tokens(id: connectionId) else { throw MeetingProviderError.grantRevoked }
        return tokens
    }
}
