import Foundation
import SlotlineCore
import SlotlineMeetings

/// The access token of a Zoom Server-to-Server app, for every line of its account: fetched when
/// first needed, kept in memory until it is about to expire or the API refuses it. Nothing to store:
/// a new process simply fetches another.
actor AccountTokens: AccessTokenSource {
    private let oauth: OAuthClient
    private let accountId: String
    private let time: TimeSource
    private var current: OAuthTokens?

    init(oauth: OAuthClient, accountId: String, time: TimeSource) {
        self.oauth = oauth
        self.accountId = accountId
        self.time = time
    }

    func accessToken() async throws -> String {
        if let current, !current.needsRefresh(at: time.now()) { return current.accessToken }
        return try await fetch()
    }

    func freshAccessToken(replacing rejected: String) async throws -> String {
        if let current, current.accessToken != rejected { return current.accessToken }
        return try await fetch()
    }

    private func fetch() async throws -> String {
        let tokens = try await oauth.accountToken(accountId: accountId)
        current = tokens
        return tokens.accessToken
    }
}
