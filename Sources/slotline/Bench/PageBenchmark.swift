import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore

/// The pages people wait for, served over loopback HTTP by the real router with `bookings`
/// bookings in the demo workspace: the booking page `/w/demo`, a month of free times, and 50 rows
/// of the bookings list. Figures are request round trips on 127.0.0.1 (the server's time plus a
/// loopback hop), p50 and p99, with each page's size; a bare route answering a constant measures
/// the hop alone, so a page's server time is its figure less the floor.
struct PageBenchmark {
    struct Figure {
        let page: String
        let latency: Latency
        let bytes: Int
    }

    let bookings: Int
    let runs: Int

    func run(logger: Logger) async throws -> [Figure] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slotline-pages-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
        let store = try await Store.open(.sqlite(path: path), secretKey: key, logger: logger)
        let desk = try Desk(store: store, settings: ServerSettings(key: key))
        let owner = try await DemoWorkspace(desk: desk).seed()
        try await seed(store)
        try await store.database.gatherStatistics()
        let user = try await store.staff.find(id: owner.userId, workspaceId: owner.workspaceId)!
        let session = try await store.staff.createSession(for: user, lifetime: 3600, now: store.time.now())

        let port = LockedPort()
        // The server's own log is not the benchmark's output.
        var quiet = logger
        quiet.logLevel = .critical
        let router = try buildRouter(desk: desk)
        // The floor under every figure: the same client, loopback and middleware, and no work at all.
        router.get("bench/echo") { _, _ in "{\"ok\":true}" }
        let app = Application(router: router,
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.set(channel.localAddress?.port ?? 0) }, logger: quiet)
        // Stopped gracefully at the end: cancelling a server while a connection arrives trips a
        // precondition in NIO's async writer (seen as a crash in 2 of 11 runs).
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let server = Task { try await services.run() }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(try await port.wait())"

        let workspace = try await store.workspaces.find(slug: DemoWorkspace.slug)!
        let service = try await store.services.list(workspaceId: workspace.id).first { $0.name.hasPrefix("Video session") }!
        let month = WallClock(TimeZone(identifier: workspace.timeZone)!).localDate(of: store.time.now().addingTimeInterval(31 * 86_400))
        let pages = [
            ("bare route (the floor)", "/bench/echo", ""),
            ("booking page /w/demo", "/w/demo", ""),
            ("a month of free times", "/w/demo/services/\(service.id)?tz=Asia/Taipei&month=\(month.description.prefix(7))", ""),
            ("bookings list, 50 rows", "/admin/demo/bookings?tab=upcoming", "slotline_session=\(session)"),
        ]
        var figures: [Figure] = []
        for (name, path, cookie) in pages {
            figures.append(try await measure(name, url: base + path, cookie: cookie))
        }
        // Password checks run on a thread pool of their own: a flood of sign-ins must not slow the
        // pages that read the database. The same booking page, while `floodCallers` sign in at once.
        let flood = Task { try await signInFlood(base: base) }
        try await Task.sleep(for: .milliseconds(300))
        let during = try await measure("", url: base + "/w/demo", cookie: "")
        flood.cancel()
        let signIns = try await flood.value
        guard signIns > 0 else { throw BenchError("the sign-in flood signed nobody in") }
        figures.append(Figure(page: "booking page /w/demo during a sign-in flood (\(signIns) sign-ins, \(Self.floodCallers) at a time)",
                              latency: during.latency, bytes: during.bytes))
        await services.triggerGracefulShutdown()
        _ = await server.result
        await store.shutdown()
        return figures
    }

    static let floodCallers = 16

    /// `runs` requests of one page one after another, after 20 that warm caches up.
    private func measure(_ name: String, url: String, cookie: String) async throws -> Figure {
        var request = HTTPClientRequest(url: url)
        if !cookie.isEmpty { request.headers.add(name: "Cookie", value: cookie) }
        let clock = ContinuousClock()
        var durations: [Duration] = []
        var bytes = 0
        for run in 0..<(runs + 20) {
            let started = clock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 10 * 1024 * 1024)
            guard response.status.code == 200 else { throw BenchError("\(url) answered \(response.status.code)") }
            if run >= 20 { durations.append(clock.now - started) }
            bytes = body.readableBytes
        }
        return Figure(page: name, latency: Latency(durations), bytes: bytes)
    }

    /// The demo owner signing in from `floodCallers` browsers at once, over and over, until cancelled;
    /// returns how many sign-ins succeeded.
    private func signInFlood(base: String) async throws -> Int {
        // A client of its own that does not follow the answer's redirect.
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let signIns = try await flood(base: base, client: client)
            try await client.shutdown()
            return signIns
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func flood(base: String, client: HTTPClient) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<Self.floodCallers {
                group.addTask {
                    // The sign-in form's token is bound to the form cookie the page sets.
                    let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/admin/login"), timeout: .seconds(10))
                    let cookie = page.headers["set-cookie"].compactMap { $0.split(separator: ";").first.map(String.init) }
                        .first { $0.hasPrefix("slotline_form=") } ?? ""
                    let html = String(buffer: try await page.body.collect(upTo: 1024 * 1024))
                    guard let token = html.firstMatch(of: #/name="csrf" value="([^"]+)"/#)?.output.1 else {
                        throw BenchError("the sign-in page has no form token")
                    }
                    let form = [("email", DemoWorkspace.email), ("password", DemoWorkspace.password), ("csrf", String(token))]
                        .map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $1)" }.joined(separator: "&")
                    var signIns = 0
                    while !Task.isCancelled {
                        var request = HTTPClientRequest(url: base + "/admin/login")
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                        request.headers.add(name: "Cookie", value: cookie)
                        request.body = .bytes(ByteBuffer(string: form))
                        guard let response = try? await client.execute(request, timeout: .seconds(30)) else { break }
                        _ = try? await response.body.collect(upTo: 1024 * 1024)
                        if response.status.code == 303 { signIns += 1 }
                    }
                    return signIns
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Confirmed bookings of the demo workspace, one an hour for each practitioner, from a year ago on.
    private func seed(_ store: Store) async throws {
        let workspace = try await store.workspaces.find(slug: DemoWorkspace.slug)!
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
        let service = try await store.services.list(workspaceId: workspace.id).first { $0.name.hasPrefix("Online consultation") }!
        let start = store.time.now().addingTimeInterval(-365 * 86_400)
        var batch: [Booking] = []
        for index in 0..<bookings {
            let practitioner = practitioners[index % practitioners.count]
            let startsAt = start.addingTimeInterval(Double(index / practitioners.count) * 3600 * 2)
            batch.append(Booking(id: Secrets.newID(), workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner.id,
                                 state: .confirmed, startsAt: startsAt, endsAt: startsAt.addingTimeInterval(1800),
                                 customer: Customer(name: "Seed \(index)", email: "seed\(index)@example.com", timeZone: "Europe/London"),
                                 createdAt: startsAt, updatedAt: startsAt))
            if batch.count == 500 {
                try await store.bulkLoad.insert(batch)
                batch = []
            }
        }
        if !batch.isEmpty { try await store.bulkLoad.insert(batch) }
    }
}

/// The port the server bound, once it runs.
private final class LockedPort: Sendable {
    private let value = Mutex<Int?>(nil)

    func set(_ port: Int) { value.withLock { $0 = port } }

    func wait() async throws -> Int {
        for _ in 0..<200 {
            if let port = value.withLock({ $0 }) { return port }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw BenchError("the page server did not start")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
