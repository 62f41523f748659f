import Foundation

/// Server-to-Server OAuth: an app of one account gets tokens by `grant_type=account_credentials`
/// (no user, no refresh token) and acts for the account's users, named in each path.
extension ZoomSimulatorState {
    struct AccountToken {
        let accountId: String
        var expiresAt: Date
    }

    func setServerToServerApp(_ app: SimulatedZoomClient?, accountId: String) {
        serverToServer = app.map { ($0, accountId) }
    }

    func accountToken(clientCredentials: (id: String, secret: String)?, accountId: String?) throws -> ZoomTokenResponse {
        guard let (app, account) = serverToServer, let credentials = clientCredentials,
              credentials.id == app.clientId, credentials.secret == app.clientSecret else { throw ZoomSimulatorError.invalidClient }
        guard accountId == account else { throw ZoomSimulatorError.oauth("invalid_request", "Invalid account_id") }
        let access = ZoomRandom.token(bytes: 48)
        accountTokens[access] = AccountToken(accountId: account, expiresAt: now.addingTimeInterval(ZoomSimulator.accessTokenLifetime))
        accountTokensIssued += 1
        return ZoomTokenResponse(access_token: access, token_type: "bearer", refresh_token: nil, expires_in: Int(ZoomSimulator.accessTokenLifetime),
                                 scope: "meeting:write:admin user:read:admin", api_url: apiOrigin)
    }

    /// Who a call acts for: the token's own user, or with an account token the account's user the
    /// path names (`users/{userId}/…`) or the host of the meeting it names (`meetings/{id}`).
    func principal(accessToken: String?, userId: String?, meetingId: String?) throws -> SimulatedZoomUser {
        guard let accessToken, let account = accountTokens[accessToken] else { return try authenticate(accessToken: accessToken) }
        guard account.expiresAt > now else { throw ZoomSimulatorError.invalidAccessToken }
        if let userId {
            guard let user = users.first(where: { ($0.id == userId || $0.email == userId) && $0.accountId == account.accountId }) else {
                throw ZoomSimulatorError.userNotFound(userId)
            }
            return user
        }
        if let meetingId, let number = Int64(meetingId), let meeting = meetings[number], let host = user(id: meeting.hostId),
           host.accountId == account.accountId {
            return host
        }
        throw ZoomSimulatorError.meetingNotFound(meetingId ?? "")
    }

    /// `GET /users?status=active`: the account's users, for an account token only.
    func accountUsers(accessToken: String?) throws -> [SimulatedZoomUser] {
        guard let accessToken, let account = accountTokens[accessToken], account.expiresAt > now else { throw ZoomSimulatorError.invalidAccessToken }
        return users.filter { $0.accountId == account.accountId }
    }
}
