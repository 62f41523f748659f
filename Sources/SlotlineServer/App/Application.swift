import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// The HTTP application with its job workers, ready to run.
public func buildApplication(configuration: Configuration, store: Store, settings: ServerSettings,
                             logger: Logger) throws -> some ApplicationProtocol {
    let desk = try Desk(store: store, settings: settings)
    let handlers = desk.jobHandlers
    var app = Application(
        router: try buildRouter(desk: desk),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "slotline"),
        logger: logger)
    app.addServices((0..<configuration.workers).map { index in
        JobWorker(name: "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(index)",
                  queue: store.jobs, handlers: handlers, logger: logger)
    })
    return app
}

/// Every route. Staff routes sit behind the authenticator; public and manage routes do not.
public func buildRouter(store: Store, settings: ServerSettings, httpClient: HTTPClient = .shared) throws -> Router<SlotlineContext> {
    try buildRouter(desk: Desk(store: store, settings: settings, httpClient: httpClient))
}

/// Every route over the use cases of `desk`.
public func buildRouter(desk: Desk) throws -> Router<SlotlineContext> {
    let store = desk.store
    let settings = desk.settings
    let pages = try Pages(settings: settings)
    let router = Router(context: SlotlineContext.self)
    router.add(middleware: SecurityHeaders())
    router.add(middleware: ErrorMiddleware(pages: pages))
    HealthController(store: store).addRoutes(to: router)
    ZoomWebhookController(events: desk.providerEvents, settings: settings, time: store.time).addRoutes(to: router)
    SandboxController(settings: settings).addRoutes(to: router)
    ChatController(store: store, desk: desk, settings: settings).addRoutes(to: router)
    pages.assets.addRoutes(to: router)
    BookingPageController(store: store, desk: desk, pages: pages).addRoutes(to: router)
    ManagePageController(store: store, desk: desk, pages: pages).addRoutes(to: router)
    SignInPageController(store: store, access: desk.staffAccess, pages: pages, cookie: SessionCookie(settings: settings)).addRoutes(to: router)
    AccountPagesController(store: store, desk: desk, pages: pages).addRoutes(to: router)
    let admin = router.group("admin/:slug").add(middleware: StaffPageGate(store: store))
    let staffPages = StaffPages(pages: pages, store: store)
    BookingPagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    AvailabilityPageController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    ServicePagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    PractitionerPagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    OperationsPagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    SettingsPagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    VideoMeetingPagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    LinePagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    ConferencePagesController(store: store, desk: desk, staff: staffPages).addRoutes(to: admin)
    ChatLinkPagesController(desk: desk, staff: staffPages).addRoutes(to: admin)
    let api = router.group("api/v1")
    api.get("openapi.json") { _, _ in OpenAPIDocument.response() }
    AuthController(store: store, settings: settings, access: desk.staffAccess).addPublicRoutes(to: api)
    PublicController(store: store, desk: desk).addRoutes(to: api)
    ManageController(store: store, desk: desk).addRoutes(to: api)

    let staff = api.group().add(middleware: Authenticator(store: store))
    AuthController(store: store, settings: settings, access: desk.staffAccess).addRoutes(to: staff)
    PractitionerController(store: store, desk: desk).addRoutes(to: staff)
    ServiceController(store: store, desk: desk).addRoutes(to: staff)
    BookingController(store: store, desk: desk).addRoutes(to: staff)
    JobController(store: store, desk: desk).addRoutes(to: staff)
    OutboxController(store: store, settings: settings).addRoutes(to: staff)
    WebhookController(store: store, subscriptions: desk.webhookSubscriptions).addRoutes(to: staff)
    ConnectionController(connections: desk.connections).addRoutes(to: staff)
    LineController(pool: desk.lines, connections: desk.connections).addRoutes(to: staff)
    VideoMeetingController(store: store, desk: desk).addRoutes(to: staff)
    ConferenceController(store: store, desk: desk).addRoutes(to: staff)
    AuditController(store: store).addRoutes(to: staff)
    return router
}
