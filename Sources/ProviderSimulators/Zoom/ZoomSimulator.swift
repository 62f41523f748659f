import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A local Zoom over real HTTP on 127.0.0.1, faithful to the Zoom section of PROVIDERS.md, with injectable faults.
///
/// Two listeners on ephemeral ports stand in for the two Zoom hosts: `oauthBaseURL` for `https://zoom.us`
/// (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`, join links `/j/<id>`) and `apiBaseURL` for
/// `https://api.zoom.us/v2`. Give a client those two bases and it talks to the simulator as it would to Zoom.
///
/// ```swift
/// let zoom = ZoomSimulator()                        // client "zoom-sim-client"/"zoom-sim-secret", user .numbered(1)
/// let urls = try await zoom.start()
/// await zoom.addRedirectURI("http://127.0.0.1:8080/connections/zoom/callback")
/// await zoom.setNextAuthorizingUser(SimulatedZoomUser.numbered(1).id)   // who "consents" at /oauth/authorize
/// // … the client under test runs the code flow against urls.oauthBaseURL and calls urls.apiBaseURL …
/// await zoom.inject(.rateLimited(retryAfterSeconds: 2), on: [.createMeeting])       // next create answers 429
/// await zoom.inject(.answerLost(), on: [.createMeeting])                            // next create happens, answer lost
/// await zoom.advanceClock(by: ZoomSimulator.accessTokenLifetime + 1)              // access tokens expire
/// #expect(await zoom.meetingCount(userId: SimulatedZoomUser.numbered(1).id) == 1)
/// await zoom.stop()
/// ```
/// Or `try await zoom.run { urls in … }`, which stops the simulator however the body ends.
public actor ZoomSimulator {
    /// Where the simulator listens; the production values are `https://zoom.us` and `https://api.zoom.us/v2`.
    public struct URLs: Sendable, Hashable {
        public let oauthBaseURL: String
        public let apiBaseURL: String
        public var authorizeURL: String { oauthBaseURL + "/oauth/authorize" }
        public var tokenURL: String { oauthBaseURL + "/oauth/token" }
        public var revokeURL: String { oauthBaseURL + "/oauth/revoke" }
    }

    /// An authorization code works once, for this long.
    public static let authorizationCodeLifetime: TimeInterval = 300
    /// `expires_in` of every access token.
    public static let accessTokenLifetime: TimeInterval = 3599
    /// Meeting creates plus updates allowed per user per UTC day.
    public static let dailyMeetingWriteLimit = 100

    public nonisolated let clientId: String
    public nonisolated let clientSecret: String
    public private(set) var urls: URLs?

    private let state: ZoomSimulatorState
    private let logger: Logger
    private var serviceGroup: ServiceGroup?
    private var runTask: Task<Void, Never>?
    private var starting: Task<URLs, any Error>?

    /// - Parameters:
    ///   - client: the registered OAuth app; more redirect URIs can be added once the caller knows its port.
    ///   - users: Zoom users who can authorize; the first one consents unless `setNextAuthorizingUser` says otherwise.
    ///   - clock: the simulator's "now" for code, token and daily-limit expiry; `advanceClock(by:)` moves it further.
    public init(
        client: SimulatedZoomClient = .standard,
        users: [SimulatedZoomUser] = [.numbered(1)],
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger? = nil
    ) {
        clientId = client.clientId
        clientSecret = client.clientSecret
        state = ZoomSimulatorState(client: client, users: users, clock: clock)
        self.logger = logger ?? {
            var logger = Logger(label: "ZoomSimulator")
            logger.logLevel = .warning
            return logger
        }()
    }

    // MARK: Running

    /// Starts listening on two ephemeral ports of 127.0.0.1; calling it again returns the same URLs.
    public func start() async throws -> URLs {
        if let starting { return try await starting.value }
        let task = Task { try await self.listen() }
        starting = task
        do {
            return try await task.value
        } catch {
            starting = nil
            throw error
        }
    }

    private func listen() async throws -> URLs {
        let logger = self.logger
        let webRouter = Router(context: ZoomRequestContext.self)
        webRouter.add(middleware: ZoomRequestLogMiddleware(state: state))
        ZoomOAuthRoutes(state: state).addRoutes(to: webRouter)
        let apiRouter = Router(context: ZoomRequestContext.self)
        apiRouter.add(middleware: ZoomRequestLogMiddleware(state: state))
        ZoomMeetingRoutes(state: state).addRoutes(to: apiRouter)

        let (webPorts, webPort) = AsyncStream.makeStream(of: Int.self)
        let (apiPorts, apiPort) = AsyncStream.makeStream(of: Int.self)
        func application(_ router: Router<ZoomRequestContext>, _ port: AsyncStream<Int>.Continuation) -> some Service {
            Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                onServerRunning: { channel in
                    if let bound = channel.localAddress?.port { port.yield(bound) }
                    port.finish()
                },
                logger: logger
            )
        }
        var configuration = ServiceGroupConfiguration(services: [application(webRouter, webPort), application(apiRouter, apiPort)], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        runTask = Task {
            do {
                try await group.run()
            } catch {
                logger.error("Zoom simulator stopped", metadata: ["error": "\(error)"])
            }
            webPort.finish()
            apiPort.finish()
        }
        serviceGroup = group

        guard let web = await webPorts.first(where: { _ in true }), let api = await apiPorts.first(where: { _ in true }) else {
            await stop()
            throw ZoomSimulatorStartError()
        }
        let urls = URLs(oauthBaseURL: "http://127.0.0.1:\(web)", apiBaseURL: "http://127.0.0.1:\(api)/v2")
        await state.setListening(webBaseURL: urls.oauthBaseURL, apiOrigin: "http://127.0.0.1:\(api)")
        self.urls = urls
        return urls
    }

    /// Shuts both listeners down gracefully; slow answers still pending are cut short.
    public func stop() async {
        await state.setStopping()
        await serviceGroup?.triggerGracefulShutdown()
        await runTask?.value
        serviceGroup = nil
        runTask = nil
        starting = nil
        urls = nil
    }

    /// Starts the simulator, runs `body`, and stops it however `body` ends.
    public nonisolated func run<T: Sendable>(_ body: @Sendable (URLs) async throws -> T) async throws -> T {
        let urls = try await start()
        do {
            let value = try await body(urls)
            await stop()
            return value
        } catch {
            await stop()
            throw error
        }
    }

    // MARK: Accounts and consent

    public func addRedirectURI(_ uri: String) async { await state.addRedirectURI(uri) }
    public func addUser(_ user: SimulatedZoomUser) async { await state.addUser(user) }
    /// The user who consents at the next authorizations (sticky until changed).
    public func setNextAuthorizingUser(_ userId: String) async { await state.setNextAuthorizingUser(userId) }
    /// The next authorization redirects back with `error=access_denied`, as when the user clicks "Decline".
    public func denyNextAuthorization() async { await state.denyNextAuthorizationOnce() }
    /// `/oauth/authorize` shows a consent page whose "Allow" button continues (for browser tests); off by default.
    public func setAsksConsent(_ value: Bool) async { await state.setAsksConsent(value) }
    /// Reusing a rotated refresh token revokes the whole grant (off by default; unconfirmed for Zoom).
    /// A Server-to-Server OAuth app of `accountId`: its tokens act for that account's users.
    public func setServerToServerApp(_ app: SimulatedZoomClient, accountId: String) async {
        await state.setServerToServerApp(app, accountId: accountId)
    }

    public func accountTokensIssued() async -> Int { await state.accountTokensIssued }

    public func setRefreshReuseRevokesGrant(_ value: Bool) async { await state.setRefreshReuseRevokesGrant(value) }

    // MARK: Clock

    public func now() async -> Date { await state.now }
    /// Moves the simulator's clock; codes, access tokens and daily limits expire without sleeping.
    public func advanceClock(by seconds: TimeInterval) async { await state.advanceClock(by: seconds) }

    // MARK: Grants and tokens

    /// Every access token of the user answers 401 code 124 from now on; refresh still works.
    public func expireAccessTokens(userId: String) async { await state.expireAccessTokens(userId: userId) }
    /// As when the user removes the app: API calls answer 401 code 124, refresh answers `invalid_grant`.
    public func revokeGrant(userId: String) async { await state.revokeGrants(userId: userId) }
    public func hasLiveGrant(userId: String) async -> Bool { await state.hasLiveGrant(userId: userId) }
    /// Every access and refresh token ever issued to the user, for tests that look for leaked tokens.
    public func tokensIssued(to userId: String) async -> [String] { await state.issuedTokens(userId: userId) }
    /// Successful `grant_type=refresh_token` exchanges.
    public func refreshCount() async -> Int { await state.refreshCount }

    // MARK: Faults

    /// The next `times` requests to any of `operations` get `fault`; rules apply first-in first-out.
    /// Pass `times: .max` to fault every such request until `clearFaults()`.
    public func inject(_ fault: ZoomSimulatorFault, on operations: Set<ZoomSimulatorOperation> = ZoomSimulatorOperation.all, times: Int = 1) async {
        await state.inject(fault, on: operations, times: times)
    }

    public func clearFaults() async { await state.clearFaults() }

    // MARK: Meetings and the request log

    public func meetings(userId: String) async -> [SimulatedZoomMeeting] { await state.meetings(userId: userId) }
    public func meetingCount(userId: String) async -> Int { await state.meetings(userId: userId).count }
    public func meeting(id: Int64) async -> SimulatedZoomMeeting? { await state.meetings[id] }
    /// Sets the meeting running, as when its host opens the start URL; false when there is no such meeting.
    @discardableResult public func startMeeting(id: Int64) async -> Bool { await state.startMeeting(id: id) }
    /// Method, path (no query) and status of every request, oldest first.
    public func requests() async -> [SimulatedZoomRequest] { await state.requestLog }

    // MARK: Webhooks

    /// A signed `meeting.started` / `meeting.ended` / `meeting.deleted` delivery for `meeting`, stamped with the
    /// simulator's clock unless `timestamp` is given. Only builds it; the caller posts it.
    public func meetingWebhook(
        _ event: ZoomWebhookEvent, meeting: SimulatedZoomMeeting, secret: String, timestamp: Date? = nil
    ) async -> SignedZoomWebhook {
        let now = await state.now
        let accountId = await state.user(id: meeting.hostId)?.accountId ?? ""
        let endTime = event == .meetingEnded ? now : nil
        return ZoomWebhookSigner.signedWebhook(
            event: event, payload: ZoomMeetingWebhookPayload(accountId: accountId, meeting: meeting, endTime: endTime),
            secret: secret, timestamp: timestamp ?? now
        )
    }

    /// Revokes the user's grants, as removing the app in Zoom does, and returns the signed `app_deauthorized` delivery.
    public func deauthorize(userId: String, secret: String, timestamp: Date? = nil) async -> SignedZoomWebhook {
        await state.revokeGrants(userId: userId)
        let now = await state.now
        let payload = ZoomDeauthorizationPayload(
            userId: userId, accountId: await state.user(id: userId)?.accountId ?? "", clientId: clientId, deauthorizationTime: now
        )
        return ZoomWebhookSigner.signedWebhook(event: .appDeauthorized, payload: payload, secret: secret, timestamp: timestamp ?? now)
    }
}

/// The simulator's listeners did not come up.
public struct ZoomSimulatorStartError: Error, CustomStringConvertible {
    public var description: String { "The Zoom simulator could not listen on 127.0.0.1" }
}
