import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ProviderSimulators
import SlotlineCore
import SlotlineDesk
import SlotlineMeetings
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Synchronization

/// The real router and job handlers wired to a Zoom simulator on 127.0.0.1 (two users who can
/// consent), with every log line and every API answer of the test kept for secret scans.
///
/// ```swift
/// try await ZoomApp.run(flavor) { zoom in
///     let connection = try await zoom.connectZoom(practitionerId: zoom.app.studio.practitioner.id, as: zoom.app.owner)
///     let service = try await zoom.providerService()
///     _ = try await zoom.app.bookedId(service, at: zoom.app.opening())
///     try await zoom.jobs.runDue()                                     // the meeting is created on the simulator
/// }
/// ```
struct ZoomApp: Sendable {
    static let publicURL = "https://slotline.example.com"
    static let redirectURI = "\(publicURL)/api/v1/oauth/zoom/callback"
    static let webhookSecret = "zoom-webhook-secret-token-for-tests"
    static let client = SimulatedZoomClient(clientId: "slotline-zoom-client", clientSecret: "slotline-zoom-secret", redirectURIs: [redirectURI])
    /// Who can consent; `users[0]` unless a call names another.
    static let users = [SimulatedZoomUser.numbered(1), SimulatedZoomUser.numbered(2)]

    /// The app over the studio, its callers recording every answer into `responses`.
    let app: TestApp
    let zoom: ZoomSimulator
    let settings: ServerSettings
    /// The server's job handlers, run by hand (with these settings, so Zoom is configured).
    let jobs: JobRunner
    /// Every log line written while the test ran, by any logger of the server.
    let logs: LogRecorder
    /// Every body the app answered to the test's callers.
    let responses: ResponseRecorder

    /// Starts a simulator whose clock is the store's, runs `body` over a fresh database, stops the simulator however `body` ends.
    static func run(_ flavor: SQLFlavor, time: TimeSource = TimeSource(), _ body: @Sendable (ZoomApp) async throws -> Void) async throws {
        LogRecorder.install()
        let zoom = ZoomSimulator(client: client, users: users, clock: { time.now() })
        // Started outside the recording: the simulator's own logs are not the server's.
        try await zoom.run { urls in
            let settings = ServerSettings(
                publicURL: publicURL, key: TestDatabase.secretKey,
                zoom: ZoomSettings(oauth: ZoomOAuth.configuration(clientId: client.clientId, clientSecret: client.clientSecret,
                                                                  baseURL: urls.oauthBaseURL),
                                   apiURL: urls.apiBaseURL),
                zoomWebhookSecret: webhookSecret)
            let logs = LogRecorder()
            try await LogRecorder.$current.withValue(logs) {
                try await TestApp.run(flavor, time: time, settings: settings) { plain in
                    let responses = ResponseRecorder()
                    let visitor = APIClient(client: RecordingTestClient(client: plain.visitor.client, recorder: responses))
                    let app = TestApp(store: plain.store, studio: plain.studio, visitor: visitor,
                                      owner: APIClient(client: visitor.client, headers: plain.owner.headers))
                    try await body(ZoomApp(app: app, zoom: zoom, settings: settings,
                                           jobs: try JobRunner(store: plain.store, settings: settings),
                                           logs: logs, responses: responses))
                }
            }
        }
    }

    // MARK: - Connecting

    /// The whole OAuth flow as a staff member's browser runs it: connect, consent on the simulator as
    /// `user`, come back to the callback. Returns the callback's answer (the connection), which must be 200.
    @discardableResult
    func connectZoom(practitionerId: String, as staff: APIClient, user: SimulatedZoomUser = ZoomApp.users[0]) async throws -> JSONValue {
        let callback = try await consent(try await authorizeURL(practitionerId: practitionerId, as: staff), user: user)
        let response = try await returnFromZoom(callback, as: staff)
        guard response.status == .ok else { throw TestFailure("OAuth callback answered \(response.status.code): \(response.text)") }
        return response.json
    }

    /// `POST …/connections/zoom`: the authorize URL the browser is sent to.
    func authorizeURL(practitionerId: String, as staff: APIClient) async throws -> String {
        let response = try await staff.post("/api/v1/practitioners/\(practitionerId)/connections/zoom")
        guard response.status == .ok, let url = response.json["authorizeURL"].string else {
            throw TestFailure("connect answered \(response.status.code): \(response.text)")
        }
        return url
    }

    /// Opens `authorizeURL` on the simulator as `user`, who consents at once; returns the query Zoom redirects back with.
    func consent(_ authorizeURL: String, user: SimulatedZoomUser = ZoomApp.users[0]) async throws -> [String: String] {
        await zoom.setNextAuthorizingUser(user.id)
        let response = try await Browser.client.execute(HTTPClientRequest(url: authorizeURL), timeout: .seconds(10))
        guard response.status == .found, let location = response.headers.first(name: "Location"),
              location.hasPrefix(Self.redirectURI), let items = URLComponents(string: location)?.queryItems else {
            throw TestFailure("the simulator's authorize page answered \(response.status.code) without a redirect to the callback")
        }
        return Dictionary(items.map { ($0.name, $0.value ?? "") }) { $1 }
    }

    /// `GET /api/v1/oauth/zoom/callback?…` with `query` as Zoom sent it, by `staff`.
    func returnFromZoom(_ query: [String: String], as staff: APIClient) async throws -> APIResponse {
        var components = URLComponents()
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return try await staff.get("/api/v1/oauth/zoom/callback?\(components.percentEncodedQuery ?? "")")
    }

    // MARK: - Provider meetings

    /// Makes `provider` the default tool of the practitioner (it must be connected).
    func setDefault(_ provider: String?, practitionerId: String, as staff: APIClient) async throws {
        let response = try await staff.put("/api/v1/practitioners/\(practitionerId)/default-meeting-provider",
                                           ["provider": provider.map(JSONValue.string) ?? .null])
        guard response.status == .ok else { throw TestFailure("default tool answered \(response.status.code): \(response.text)") }
    }

    /// A one-to-one service of the studio's practitioner, confirmed at once, whose meeting the provider creates.
    func providerService(name: String = "Video call", configure: (inout Service) -> Void = { _ in }) async throws -> Service {
        var service = Service(id: Secrets.newID(), workspaceId: app.studio.workspace.id, name: name, durationMinutes: 60,
                              meetingLinkSource: .provider, onlineInstructions: Studio.publicInstructions,
                              practitionerIds: [app.studio.practitioner.id])
        configure(&service)
        try await app.store.services.save(try service.validated(), now: app.store.time.now())
        return service
    }

    /// The studio practitioner's Zoom connected as `user` and made the default tool.
    func connectDefaultZoom(user: SimulatedZoomUser = ZoomApp.users[0]) async throws {
        try await connectZoom(practitionerId: app.studio.practitioner.id, as: app.owner, user: user)
        try await setDefault("zoom", practitionerId: app.studio.practitioner.id, as: app.owner)
    }

    /// Every token the simulator ever issued to `users`.
    func issuedTokens(_ users: [SimulatedZoomUser] = ZoomApp.users) async -> [String] {
        var tokens: [String] = []
        for user in users { tokens += await zoom.tokensIssued(to: user.id) }
        return tokens
    }
}

/// Reads redirects instead of following them, as a browser whose next hop the test takes by hand.
enum Browser {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
}

// MARK: - Recording

/// Every answer a test's callers got, for secret scans.
final class ResponseRecorder: Sendable {
    private let bodies = Mutex<[String]>([])

    func record(_ response: TestResponse) {
        let headers = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        bodies.withLock { $0.append(headers + "\n\n" + String(buffer: response.body)) }
    }

    var text: String { bodies.withLock { $0.joined(separator: "\n----\n") } }
    var count: Int { bodies.withLock(\.count) }
}

/// The test framework's client, keeping a copy of every answer.
struct RecordingTestClient: TestClientProtocol {
    let client: any TestClientProtocol
    let recorder: ResponseRecorder

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        recorder.record(response)
        return response
    }

    var port: Int? { client.port }
}

/// Keeps every log line (label, level, message, metadata) written in the task that records, by any
/// logger made after `install()`: the server's loggers are made deep inside it, so the logging system
/// routes each line to the recorder of the task writing it, and other tests go on logging as before.
final class LogRecorder: Sendable {
    @TaskLocal static var current: LogRecorder?

    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    var count: Int { lines.withLock(\.count) }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// Routes the process's logging through `RoutingLogHandler`; once per process, however many tests call it.
    static func install() { _ = installed }

    private static let installed: Void = {
        LoggingSystem.bootstrap { label in RoutingLogHandler(label: label) }
    }()
}

/// Writes to the current task's `LogRecorder` at every level, and otherwise to standard error at the logger's level.
struct RoutingLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    private var level: Logger.Level = .info
    private var fallback: StreamLogHandler

    init(label: String) {
        self.label = label
        fallback = StreamLogHandler.standardError(label: label)
    }

    /// Everything while recording, so a secret logged at trace level is found too.
    var logLevel: Logger.Level {
        get { LogRecorder.current == nil ? level : .trace }
        set {
            level = newValue
            fallback.logLevel = newValue
        }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard let recorder = LogRecorder.current else {
            var event = event
            event.metadata = metadata.merging(event.metadata ?? [:]) { $1 }
            fallback.log(event: event)
            return
        }
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        recorder.append("\(label) \(event.level) \(event.message) \(all) \(event.error.map { "\($0)" } ?? "")")
    }
}
