import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk

/// `/api/v1/lines`: the workspace pool of meeting accounts. Staff read it; admins change it.
struct LineController {
    let pool: LinePool
    let connections: ProviderConnections

    struct AuthorizationView: ResponseEncodable {
        let provider: String
        let authorizeURL: String
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("lines", use: list)
        group.post("lines", use: create)
        group.get("lines/zoom-users", use: zoomUsers)
        group.post("lines/connect/:provider", use: connect)
        group.get("lines/:id", use: get)
        group.patch("lines/:id", use: update)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<LineView> {
        ListView(items: try await pool.list(workspaceId: try context.requireStaff().workspaceId).map(LineView.init))
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<LineView> {
        let user = try context.requireConfigurer()
        let changes = try await RequestBody.decode(LineChanges.self, from: request, context: context)
        return EditedResponse(status: .created, response: LineView(try await pool.add(changes, workspaceId: user.workspaceId)))
    }

    /// A provider account authorized for the workspace becomes a line: the answer is where to authorize.
    @Sendable func connect(request: Request, context: SlotlineContext) async throws -> AuthorizationView {
        let user = try context.requireConfigurer()
        let provider = ProviderKind(rawValue: try context.parameters.require("provider"))
        return AuthorizationView(provider: provider.rawValue, authorizeURL: try await connections.startLine(provider, by: user))
    }

    struct ZoomUserView: ResponseEncodable {
        let id: String
        let email: String?
        let label: String
    }

    /// The licensed users of the Zoom Server-to-Server app's account, each of which can be a line.
    @Sendable func zoomUsers(request: Request, context: SlotlineContext) async throws -> ListView<ZoomUserView> {
        _ = try context.requireConfigurer()
        return ListView(items: try await pool.zoomUsers().map { ZoomUserView(id: $0.externalUserId, email: $0.email, label: $0.label) })
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> LineView {
        LineView(try await pool.find(id: try context.parameters.require(), workspaceId: try context.requireStaff().workspaceId))
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> LineView {
        let user = try context.requireConfigurer()
        let id: String = try context.parameters.require()
        let changes = try await RequestBody.decode(LineChanges.self, from: request, context: context)
        return LineView(try await pool.update(id: id, changes, workspaceId: user.workspaceId))
    }
}
