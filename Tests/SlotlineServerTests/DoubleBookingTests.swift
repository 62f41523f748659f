import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SlotlineServer
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Issue item 5: a slot is never sold twice, over real HTTP, on each database.
@Suite("No double booking over HTTP")
struct DoubleBookingTests {
    enum Kind: String, CaseIterable, Sendable {
        /// Capacity 1: one winner.
        case oneToOne
        /// Capacity 5: five winners.
        case group
    }

    static let requests = 60

    @Test("concurrent submissions for one slot: as many 201s as seats, the rest 409 slot_unavailable",
          arguments: TestDatabase.flavors, Kind.allCases)
    func concurrentSubmissions(_ flavor: SQLFlavor, _ kind: Kind) async throws {
        try await TestDatabase.withStore(flavor) { store in
            let studio = try await Studio.create(in: store)
            let service = kind == .oneToOne ? studio.instant : studio.group
            let start = studio.opening(daysAhead: 3, hour: 10, after: store.time.now())
            let app = Application(router: try buildRouter(store: store, settings: .test), logger: TestDatabase.logger)

            let answers = try await app.test(.live) { client in
                let port = try #require(client.port)
                return try await Self.submitAll(to: "http://127.0.0.1:\(port)/api/v1/public/\(studio.workspace.slug)/bookings",
                                                service: service, start: start)
            }

            let created = answers.filter { $0.status == 201 }
            let refused = answers.filter { $0.status == 409 }
            #expect(answers.count == Self.requests)
            #expect(created.count == service.capacity)
            #expect(refused.count == Self.requests - service.capacity)
            #expect(refused.allSatisfy { $0.code == "slot_unavailable" }, "\(Set(refused.map(\.code)))")
            #expect(Set(created.compactMap(\.id)).count == service.capacity)
            let stored = try await store.bookings.list(workspaceId: studio.workspace.id, tab: .upcoming,
                                                       now: store.time.now(), limit: 200, offset: 0)
            #expect(stored.count == service.capacity)
            #expect(Set(stored.map(\.id)) == Set(created.compactMap(\.id)))
            #expect(stored.allSatisfy { $0.startsAt == start && $0.serviceId == service.id })
        }
    }

    struct Answer: Sendable {
        let status: UInt
        let code: String?
        let id: String?
    }

    /// Opens every connection first (HTTP and database, through `/readyz`), then fires every booking at once,
    /// so the submissions meet in the database instead of trickling in as connections open.
    static func submitAll(to url: String, service: SlotlineCore.Service, start: Date) async throws -> [Answer] {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: requests)))
        do {
            let base = url.components(separatedBy: "/api/").first ?? url
            _ = try await send(http, requests: (0..<requests).map { _ in HTTPClientRequest(url: "\(base)/readyz") })
            let bookings = try (0..<requests).map { index in
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                let body = TestApp.bookingBody(service, at: start, customer: "Customer\(index)")
                request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
                return request
            }
            let answers = try await send(http, requests: bookings)
            try await http.shutdown()
            return answers
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private static func send(_ http: HTTPClient, requests: [HTTPClientRequest]) async throws -> [Answer] {
        try await withThrowingTaskGroup(of: Answer.self) { group in
            for request in requests {
                group.addTask {
                    let response = try await http.execute(request, timeout: .seconds(120))
                    let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
                    let json = (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
                    return Answer(status: response.status.code, code: json["error"]["code"].string, id: json["id"].string)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
