import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Keeps `Resources/openapi.json` and the router from drifting apart: every documented operation must be
/// routed and answer only documented statuses, every route must be documented, and the error code enum
/// must be exactly `ErrorCode.allCases`.
@Suite struct OpenAPITests {
    /// One documented path + method.
    struct Operation: CustomStringConvertible {
        let path: String
        let method: HTTPRequest.Method
        let statuses: Set<String>
        let hasBody: Bool
        let needsCredentials: Bool
        var description: String { "\(method.rawValue) \(path)" }
    }

    @Test func documentIsServedAsOpenAPI31() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let app = Application(router: try buildRouter(store: store, settings: .test))
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let document = try Self.json(response.body)
                    #expect(document["openapi"] as? String == "3.1.0")
                    #expect(Self.operations(in: document).count > 0)
                }
            }
        }
    }

    /// Sends every documented operation with placeholder ids and an empty JSON body: none may hit the
    /// unknown-route answer, each answer's status must be one the operation documents, and the documented
    /// security must hold (open operations never ask for credentials; the others refuse anonymous calls).
    @Test func everyDocumentedOperationIsRouted() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let apiKey = try await Self.ownerAPIKey(in: store)
            let app = Application(router: try buildRouter(store: store, settings: .test))
            try await app.test(.router) { client in
                let document = try await Self.fetchDocument(client)
                let codes = Set(Self.errorCodeEnum(in: document))
                let operations = Self.operations(in: document)
                #expect(operations.count > 0)
                for operation in operations {
                    var headers = HTTPFields()
                    headers[.acceptLanguage] = "en"
                    // Credentials only where the document asks for them: a staff route documented as public
                    // answers 401, which such an operation does not document.
                    if operation.needsCredentials { headers[.authorization] = "Bearer \(apiKey)" }
                    var body: ByteBuffer?
                    if operation.hasBody {
                        headers[.contentType] = "application/json"
                        body = ByteBuffer(string: "{}")
                    }
                    let response = try await client.execute(uri: Self.concrete(operation.path), method: operation.method,
                                                            headers: headers, body: body)
                    let status = String(response.status.code)
                    let error = (try? Self.json(response.body))?["error"] as? [String: Any]
                    let isUnknownRoute = response.status == .notFound && error?["field"] as? String == "route"
                    #expect(!isUnknownRoute, "\(operation) is documented but the router does not know it")
                    #expect(operation.statuses.contains(status) || operation.statuses.contains("default"),
                            "\(operation) answered \(status), which it does not document (\(operation.statuses.sorted()))")
                    if response.status.code >= 400, response.headers[.contentType]?.hasPrefix("text/html") == true {
                        // Only pages for people in browsers (outside /api) answer in HTML, refusals included.
                        #expect(!operation.path.hasPrefix("/api/"), "\(operation) answered \(status) as HTML instead of an Error")
                    } else if response.status.code >= 400 {
                        let code = error?["code"] as? String
                        #expect(code.map { codes.contains($0) } == true, "\(operation) answered \(status) with code \(code ?? "none")")
                        if !operation.needsCredentials {
                            #expect(code != ErrorCode.unauthenticated.rawValue,
                                    "\(operation) is documented as open to anyone but asks for credentials")
                        }
                    }
                    if operation.needsCredentials {
                        // And the credentials are really needed.
                        var anonymous = headers
                        anonymous[.authorization] = nil
                        let refused = try await client.execute(uri: Self.concrete(operation.path), method: operation.method,
                                                               headers: anonymous, body: body)
                        let refusal = (try? Self.json(refused.body))?["error"] as? [String: Any]
                        #expect(refused.status == .unauthorized && refusal?["code"] as? String == ErrorCode.unauthenticated.rawValue,
                                "\(operation) is documented as needing credentials but answered \(refused.status.code) without them")
                    }
                }
            }
        }
    }

    /// The reverse direction, from the router's own list of routes.
    @Test func everyRouteIsDocumented() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let router = try buildRouter(store: store, settings: .test)
            // Pages (the booking, manage and back-office pages and their assets) are HTML, not API.
            let pages = ["/w/", "/manage/", "/admin", "/assets/", "/embed.js"]
            let routed = Set(router.routes.filter { route in !pages.contains { route.path.description.hasPrefix($0) } }
                .map { "\($0.method.rawValue) \($0.path.description)" })
            let app = Application(router: router)
            let documented = try await app.test(.router) { client in
                Set(Self.operations(in: try await Self.fetchDocument(client)).map(\.description))
            }
            #expect(routed.count > 0)
            for route in routed.subtracting(documented).sorted() {
                Issue.record("\(route) is routed but not in openapi.json")
            }
            for operation in documented.subtracting(routed).sorted() {
                Issue.record("\(operation) is in openapi.json but not routed")
            }
        }
    }

    @Test func errorSchemaListsEveryErrorCode() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let app = Application(router: try buildRouter(store: store, settings: .test))
            let documented = try await app.test(.router) { client in
                Self.errorCodeEnum(in: try await Self.fetchDocument(client))
            }
            #expect(!documented.isEmpty, "components.schemas.Error.properties.error.properties.code.enum is missing")
            for code in ErrorCode.allCases where !documented.contains(code.rawValue) {
                Issue.record("ErrorCode.\(code) (\(code.rawValue)) is missing from the Error schema's code enum")
            }
            for value in documented where ErrorCode(rawValue: value) == nil {
                Issue.record("the Error schema lists \(value), which is no ErrorCode")
            }
            #expect(Set(documented).count == documented.count, "the code enum has duplicates")
        }
    }

    /// Every 4xx answer (and 500) in the document is the shared `Error` schema. (`/readyz` answers 503 with its
    /// own status body, so other 5xx are not checked.)
    @Test func everyErrorResponseUsesTheErrorSchema() async throws {
        try await TestDatabase.withStore(.sqlite) { store in
            let app = Application(router: try buildRouter(store: store, settings: .test))
            try await app.test(.router) { client in
                let document = try await Self.fetchDocument(client)
                let paths = document["paths"] as? [String: [String: Any]] ?? [:]
                for (path, item) in paths {
                    for (method, value) in item where Self.methods.contains(method) {
                        let responses = (value as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                        for (status, response) in responses where status.hasPrefix("4") || status == "500" {
                            let resolved = Self.resolve(response, in: document)
                            let content = resolved?["content"] as? [String: Any]
                            let schema = (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                            #expect(schema?["$ref"] as? String == "#/components/schemas/Error",
                                    "\(method.uppercased()) \(path) \(status) does not use the Error schema")
                        }
                    }
                }
            }
        }
    }

    // MARK: - Helpers

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
        guard let dictionary = object as? [String: Any] else { throw DocumentError.notAnObject }
        return dictionary
    }

    enum DocumentError: Error { case notAnObject, notServed(HTTPResponse.Status) }

    static func fetchDocument(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil)
        guard response.status == .ok else { throw DocumentError.notServed(response.status) }
        return try json(response.body)
    }

    static func errorCodeEnum(in document: [String: Any]) -> [String] {
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let errorSchema = schemas?["Error"] as? [String: Any]
        let detail = (errorSchema?["properties"] as? [String: Any])?["error"] as? [String: Any]
        let code = (detail?["properties"] as? [String: Any])?["code"] as? [String: Any]
        return code?["enum"] as? [String] ?? []
    }

    /// Follows a local `$ref` (one level is all the document uses, but chains are followed too).
    static func resolve(_ value: Any, in document: [String: Any]) -> [String: Any]? {
        var current = value as? [String: Any]
        var hops = 0
        while let reference = current?["$ref"] as? String, reference.hasPrefix("#/"), hops < 10 {
            var node: Any? = document
            for key in reference.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(key)]
            }
            current = node as? [String: Any]
            hops += 1
        }
        return current
    }

    static func operations(in document: [String: Any]) -> [Operation] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let globalSecurity = document["security"] as? [[String: Any]] ?? []
        var result: [Operation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, value) in item.sorted(by: { $0.key < $1.key }) where methods.contains(method) {
                guard let operation = value as? [String: Any] else { continue }
                let security = operation["security"] as? [[String: Any]] ?? globalSecurity
                result.append(Operation(
                    path: path,
                    method: HTTPRequest.Method(method.uppercased())!,
                    statuses: Set((operation["responses"] as? [String: Any] ?? [:]).keys),
                    hasBody: operation["requestBody"] != nil,
                    // Open when no requirement is listed, or one of them is the empty requirement `{}`.
                    needsCredentials: !security.isEmpty && !security.contains { $0.isEmpty }))
            }
        }
        return result
    }

    /// The path with every `{parameter}` replaced by a value that names nothing.
    static func concrete(_ path: String) -> String {
        var result = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            let random = UUID().uuidString.lowercased()
            switch name {
            case "slug": result += "no-such-workspace-\(random.prefix(8))"
            case "token": result += "mt_\(random.replacingOccurrences(of: "-", with: ""))"
            default: result += random
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A workspace with an owner, so staff routes reach their handlers instead of stopping at 401.
    static func ownerAPIKey(in store: Store) async throws -> String {
        let now = store.time.now()
        let workspace = Workspace(id: Secrets.newID(), slug: "openapi-\(UUID().uuidString.prefix(8).lowercased())",
                                  name: "OpenAPI", timeZone: "UTC")
        try await store.workspaces.create(workspace, now: now)
        let owner = StaffUser(id: Secrets.newID(), workspaceId: workspace.id, email: "owner@example.com", name: "Owner", role: .owner)
        try await store.staff.create(owner, passwordHash: "unused", now: now)
        return try await store.staff.createAPIKey(for: owner, name: "openapi tests", now: now)
    }
}
