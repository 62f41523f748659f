import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk

/// `/api/v1/lines`: the workspace pool of meeting accounts. Staff read it; admins change it.
struct LineController {
    let pool: LinePool

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("lines", use: list)
        group.post("lines", use: create)
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
