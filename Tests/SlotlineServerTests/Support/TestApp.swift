import Foundation
import Hummingbird
import HummingbirdTesting
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport

/// The real router over a fresh database that holds one `Studio`, with an anonymous caller
/// (the public and manage pages) and the studio owner's API key.
struct TestApp: Sendable {
    let store: Store
    let studio: Studio
    /// No credentials: what a customer's browser sends.
    let visitor: APIClient
    /// The studio owner, by API key.
    let owner: APIClient

    static func run(_ flavor: SQLFlavor, time: TimeSource = TimeSource(), settings: ServerSettings = .test,
                    _ test: @Sendable (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withStore(flavor, time: time) { store in
            let studio = try await Studio.create(in: store)
            let ownerKey = try await apiKey(in: store, workspace: studio.workspace, role: .owner)
            let app = Application(router: try buildRouter(store: store, settings: settings), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let visitor = APIClient(client: client)
                try await test(TestApp(store: store, studio: studio, visitor: visitor, owner: visitor.bearer(ownerKey)))
            }
        }
    }

    /// A new staff member of `workspace` (the studio's by default), signed in by API key.
    func staff(role: StaffRole, practitionerId: String? = nil, in workspace: Workspace? = nil) async throws -> APIClient {
        visitor.bearer(try await Self.apiKey(in: store, workspace: workspace ?? studio.workspace, role: role, practitionerId: practitionerId))
    }

    /// Skips bcrypt: these users sign in by API key only (the login test uses `Provisioning`).
    static func apiKey(in store: Store, workspace: Workspace, role: StaffRole, practitionerId: String? = nil) async throws -> String {
        let id = Secrets.newID()
        let user = StaffUser(id: id, workspaceId: workspace.id, email: "\(role.rawValue)-\(id.suffix(12))@example.com".lowercased(),
                             name: "Test \(role.rawValue)", role: role, practitionerId: practitionerId)
        try await store.staff.create(user, passwordHash: "api-key-only", now: store.time.now())
        return try await store.staff.createAPIKey(for: user, name: "test", now: store.time.now())
    }

    // MARK: - Paths and bodies

    var publicPath: String { "/api/v1/public/\(studio.workspace.slug)" }

    /// A start the studio always offers: `hour`:00 in the studio's zone, `daysAhead` days from now.
    func opening(daysAhead: Int = 2, hour: Int = 9) -> Date {
        studio.opening(daysAhead: daysAhead, hour: hour, after: store.time.now())
    }

    /// The body of a public booking request.
    static func bookingBody(_ service: Service, at start: Date, customer: String = "Grace",
                            timeZone: String = "Europe/London") -> JSONValue {
        [
            "serviceId": .string(service.id),
            "startsAt": .string(rfc3339(start)),
            "customer": ["name": .string(customer), "email": .string("\(customer.lowercased())@example.com"), "timeZone": .string(timeZone)],
        ]
    }

    /// Submits a booking from the public page, as a customer would.
    func book(_ service: Service, at start: Date, customer: String = "Grace") async throws -> APIResponse {
        try await visitor.post("\(publicPath)/bookings", Self.bookingBody(service, at: start, customer: customer))
    }

    /// Submits a booking that must be accepted, and returns the customer's view of it.
    func booked(_ service: Service, at start: Date, customer: String = "Grace") async throws -> JSONValue {
        let response = try await book(service, at: start, customer: customer)
        guard response.status == .created else {
            throw TestFailure("booking \(service.name) at \(rfc3339(start)) answered \(response.status.code): \(response.text)")
        }
        return response.json
    }

    /// Submits a booking that must be accepted, and returns its id.
    func bookedId(_ service: Service, at start: Date, customer: String = "Grace") async throws -> String {
        guard let id = try await booked(service, at: start, customer: customer)["id"].string else {
            throw TestFailure("booking \(service.name) answered without an id")
        }
        return id
    }

    /// The ids the staff list shows under `tab`.
    func bookingIds(tab: String, as caller: APIClient? = nil) async throws -> Set<String> {
        let response = try await (caller ?? owner).get("/api/v1/bookings?tab=\(tab)")
        guard response.status == .ok else { throw TestFailure("tab \(tab) answered \(response.status.code): \(response.text)") }
        return Set(response.json["items"].items.compactMap { $0["id"].string })
    }
}

/// A setup step that did not go as the test needs; the message says what came back.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An instant as the API writes it in UTC.
func rfc3339(_ date: Date) -> String {
    RFC3339.format(date, in: TimeZone(identifier: "UTC")!)
}

/// `name=value&…`, each value escaped (RFC 3339 offsets contain `+`).
func query(_ items: KeyValuePairs<String, String>) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~:")
    return items.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }.joined(separator: "&")
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

extension ServerSettings {
    /// Outbox delivery, the test server key, links under example.com; webhooks may reach the test
    /// receivers on 127.0.0.1.
    static let test = ServerSettings(publicURL: "https://slotline.example.com", key: TestDatabase.secretKey,
                                     webhooksMayReachPrivateAddresses: true)
}
