import Foundation

/// Everything the simulated Zoom remembers: accounts, grants and tokens, meetings, faults, counters.
/// The OAuth and meeting operations live in the extensions beside this file.
actor ZoomSimulatorState {
    struct AuthorizationCode {
        let userId: String
        let redirectURI: String
        let codeChallenge: String?
        let issuedAt: Date
    }

    /// One authorization of the app by one user; revoking it kills all its tokens.
    struct Grant {
        let userId: String
        var refreshToken: String
        var revoked = false
    }

    struct AccessToken {
        let grantId: Int
        var expiresAt: Date
    }

    struct DailyCount {
        var day: String
        var count: Int
    }

    var client: SimulatedZoomClient
    var users: [SimulatedZoomUser]
    var nextAuthorizingUserId: String?
    var denyNextAuthorization = false
    /// Shows a consent page with "Allow" before redirecting, as zoom.us does for a person (off: consents at once).
    var asksConsent = false
    /// When true, presenting a refresh token that was already rotated away revokes the whole grant
    /// (OAuth 2.1 reuse detection; unconfirmed for Zoom, so off by default).
    var refreshReuseRevokesGrant = false

    private let clock: @Sendable () -> Date
    private var clockOffset: TimeInterval = 0

    var codes: [String: AuthorizationCode] = [:]
    var grants: [Int: Grant] = [:]
    var nextGrantId = 1
    var accessTokens: [String: AccessToken] = [:]
    /// Every refresh token ever issued, current or rotated, to the grant it belongs to.
    var refreshTokenGrants: [String: Int] = [:]
    var tokensIssued: [String: [String]] = [:]
    var refreshCount = 0

    /// The Server-to-Server app and the account its tokens act in, when one is set up.
    var serverToServer: (app: SimulatedZoomClient, accountId: String)?
    var accountTokens: [String: AccountToken] = [:]
    var accountTokensIssued = 0

    var meetings: [Int64: SimulatedZoomMeeting] = [:]
    var meetingWrites: [String: DailyCount] = [:]

    var faults = ZoomFaultQueue()
    var requestLog: [SimulatedZoomRequest] = []
    var isStopping = false

    /// Origins the simulator answers on, known once it listens: the web/OAuth host and the API host.
    var webBaseURL = "http://127.0.0.1"
    var apiOrigin = "http://127.0.0.1"

    init(client: SimulatedZoomClient, users: [SimulatedZoomUser], clock: @escaping @Sendable () -> Date) {
        self.client = client
        self.users = users
        self.clock = clock
    }

    var now: Date { clock().addingTimeInterval(clockOffset) }

    func advanceClock(by seconds: TimeInterval) { clockOffset += seconds }

    func setListening(webBaseURL: String, apiOrigin: String) {
        self.webBaseURL = webBaseURL
        self.apiOrigin = apiOrigin
        isStopping = false
    }

    func setStopping() { isStopping = true }

    func user(id: String) -> SimulatedZoomUser? { users.first { $0.id == id } }

    func addUser(_ user: SimulatedZoomUser) {
        users.removeAll { $0.id == user.id }
        users.append(user)
    }

    func addRedirectURI(_ uri: String) {
        if !client.redirectURIs.contains(uri) { client.redirectURIs.append(uri) }
    }

    func setNextAuthorizingUser(_ userId: String) { nextAuthorizingUserId = userId }
    func denyNextAuthorizationOnce() { denyNextAuthorization = true }
    func setAsksConsent(_ value: Bool) { asksConsent = value }
    func setRefreshReuseRevokesGrant(_ value: Bool) { refreshReuseRevokesGrant = value }

    func inject(_ fault: ZoomSimulatorFault, on operations: Set<ZoomSimulatorOperation>, times: Int) {
        faults.add(fault, on: operations, times: times)
    }

    func takeFault(for operation: ZoomSimulatorOperation) -> ZoomSimulatorFault? { faults.take(for: operation) }
    func clearFaults() { faults.removeAll() }

    func log(_ entry: SimulatedZoomRequest) { requestLog.append(entry) }

    func issuedTokens(userId: String) -> [String] { tokensIssued[userId] ?? [] }
}

/// One request the simulator received, as the request log shows it (no query string: it may hold a token).
public struct SimulatedZoomRequest: Sendable, Hashable {
    public let method: String
    public let path: String
    /// Nil when the simulator answered nothing (the `answerLost` fault).
    public let status: Int?
}
