import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Two Slotline servers, each with its own connection pool and job worker, on one PostgreSQL (on
/// SQLite one server, as a SQLite file serves one process): 100 creations for one interval over 5
/// lines of capacity 1, sent at once over HTTP to both, make exactly 5 meetings; the others are
/// answered 409 `no_free_line`.
@Suite(.serialized) struct LineAllocationServersTests {
    @Test(arguments: TestDatabase.flavors)
    func aHundredCreationsOverTwoServersMakeFive(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])
            let key = try await TestApp.apiKey(in: stores[0], workspace: studio.workspace, role: .owner)
            let desk = try Desk(store: stores[0], settings: .test)
            for index in 1...5 {
                _ = try await desk.lines.add(LineChanges(provider: .sandbox, label: "Line \(index)"), workspaceId: studio.workspace.id)
            }
            let servers = try await stores.asyncMap { store in try await Server.start(store: store) }
            let start = rfc3339(time.now().addingTimeInterval(3600))
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<100 {
                    let server = servers[index % servers.count]
                    group.addTask {
                        var request = HTTPClientRequest(url: server.url + "/api/v1/video-meetings")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(key)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: #"{"title":"All hands \#(index)","startsAt":"\#(start)","durationMinutes":60}"#))
                        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        let code = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)))?["error"]["code"].string
                        return (Int(response.status.code), code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for server in servers { await server.stop() }
            #expect(statuses.filter { $0.0 == 201 }.count == 5)
            #expect(statuses.filter { $0.0 == 409 && $0.1 == "no_free_line" }.count == 95, "\(Set(statuses.map { "\($0.0) \($0.1 ?? "")" }))")
            let meetings = try await stores[0].videoMeetings.list(workspaceId: studio.workspace.id, involving: nil, view: .all, state: nil,
                                                                  now: time.now(), limit: 200, offset: 0)
            #expect(Set(meetings.map(\.lineId)).count == 5)
        }
    }

    /// One server on a free port of 127.0.0.1, over `store`, running until stopped.
    struct Server: Sendable {
        let url: String
        let task: Task<Void, any Error>

        static func start(store: Store) async throws -> Server {
            let port = try BrowserHost.freePort()
            let url = "http://127.0.0.1:\(port)"
            let configuration = try Configuration(environment: [:], overrides: [
                "SLOTLINE_PORT": String(port), "SLOTLINE_PUBLIC_URL": url, "SLOTLINE_WORKERS": "1", "SLOTLINE_LOG_LEVEL": "error"])
            var logger = Logger(label: "allocation-server")
            logger.logLevel = .error
            let app = try buildApplication(configuration: configuration, store: store, settings: .test, logger: logger)
            let task = Task { try await app.runService() }
            try await BrowserHost.waitUntilListening(url)
            return Server(url: url, task: task)
        }

        func stop() async {
            task.cancel()
            _ = await task.result
        }
    }
}
