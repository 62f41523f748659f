import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// A practitioner's online meeting tools over HTTP; the rules are `ProviderConnections`'.
struct ConnectionController {
    let connections: ProviderConnections

    struct ConnectionView: ResponseEncodable {
        let id: String
        let provider: String
        let label: String
        let state: Connection.State
        let isDefault: Bool
        let createdAt: String

        init(_ connection: Connection, defaultProvider: ProviderKind?) {
            id = connection.id
            provider = connection.provider.rawValue
            label = connection.label
            state = connection.state
            isDefault = defaultProvider == connection.provider
            createdAt = RFC3339.format(connection.createdAt, in: TimeZone(identifier: "UTC")!)
        }
    }

    struct ToolsView: ResponseEncodable {
        let defaultProvider: String?
        let available: [String]
        let connections: [ConnectionView]

        init(_ tools: ProviderConnections.Tools) {
            defaultProvider = tools.defaultProvider?.rawValue
            available = tools.available.map(\.rawValue)
            connections = tools.connections.map { ConnectionView($0, defaultProvider: tools.defaultProvider) }
        }
    }

    struct AuthorizationView: ResponseEncodable {
        let provider: String
        let authorizeURL: String
    }

    struct DefaultInput: Decodable { var provider: String? }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("practitioners/:id/connections", use: list)
        group.post("practitioners/:id/connections/:provider", use: connect)
        group.delete("practitioners/:id/connections/:provider", use: disconnect)
        group.put("practitioners/:id/default-meeting-provider", use: setDefault)
        group.get("oauth/:provider/callback", use: callback)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ToolsView {
        let (_, practitioner) = try await practitioner(context)
        return ToolsView(try await connections.tools(of: practitioner))
    }

    /// OAuth providers answer with the authorize URL; the others are connected at once.
    @Sendable func connect(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, practitioner) = try await practitioner(context)
        let provider = ProviderKind(rawValue: try context.parameters.require("provider"))
        switch try await connections.start(provider, practitioner: practitioner, by: user) {
        case .connected(let connection):
            let view = ConnectionView(connection, defaultProvider: try await connections.defaultProvider(practitionerId: practitioner.id))
            return try EditedResponse(status: .created, response: view).response(from: request, context: context)
        case .authorize(let url):
            return try EditedResponse(status: .ok, response: AuthorizationView(provider: provider.rawValue, authorizeURL: url))
                .response(from: request, context: context)
        }
    }

    /// The provider sends the browser back here. A browser (the back office's "Connect") goes back to
    /// the practitioner's settings page, with what went wrong if anything did; an API caller gets JSON.
    @Sendable func callback(request: Request, context: SlotlineContext) async throws -> Response {
        let user = try context.requireStaff()
        let provider = ProviderKind(rawValue: try context.parameters.require("provider"))
        let query = request.uri.queryParameters
        let browser = request.headers[.accept]?.contains("text/html") == true
        do {
            if let error = query.get("error") { throw SlotlineError(.authorizationFailed, field: "error", detail: String(error.prefix(100))) }
            guard let state = query.get("state"), let code = query.get("code") else { throw SlotlineError.missing("code") }
            let connection = try await connections.finish(provider, state: state, code: code, by: user)
            if browser, let page = try await connections.returnPage(after: connection, for: user) {
                return Response(status: .seeOther, headers: [.location: page])
            }
            let view = ConnectionView(connection, defaultProvider: try await connections.defaultProvider(practitionerId: connection.practitionerId ?? ""))
            return try view.response(from: request, context: context)
        } catch let failure as SlotlineError where browser {
            guard let page = try await connections.settingsPage(of: nil, for: user) else { throw failure }
            return Response(status: .seeOther, headers: [.location: page + "&failed=\(failure.code.rawValue)&provider=\(provider.rawValue)"])
        }
    }

    @Sendable func disconnect(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, practitioner) = try await practitioner(context)
        try await connections.disconnect(ProviderKind(rawValue: try context.parameters.require("provider")), practitioner: practitioner, by: user)
        return Response(status: .noContent)
    }

    /// The tool new meetings of this practitioner use; it must be connected. `null` clears it.
    @Sendable func setDefault(request: Request, context: SlotlineContext) async throws -> ToolsView {
        let (user, practitioner) = try await practitioner(context)
        let input = try await RequestBody.decode(DefaultInput.self, from: request, context: context)
        try await connections.setDefault(input.provider.map(ProviderKind.init(rawValue:)), practitioner: practitioner, by: user)
        return ToolsView(try await connections.tools(of: practitioner))
    }

    /// The practitioner named in the path, if the caller may manage its tools.
    private func practitioner(_ context: SlotlineContext) async throws -> (StaffUser, Practitioner) {
        let user = try context.requireStaff()
        return (user, try await connections.practitioner(id: try context.parameters.require("id"), managedBy: user))
    }
}
