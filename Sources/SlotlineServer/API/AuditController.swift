import Foundation
import Hummingbird
import SlotlineCore
import SlotlineStore

/// `/api/v1/audit`: who saw private meeting details and who connected or disconnected accounts.
struct AuditController {
    let store: Store

    struct EntryView: ResponseEncodable {
        let id: String
        let actorId: String?
        let action: String
        let subjectType: String
        let subjectId: String
        let detail: String
        let createdAt: String

        init(_ entry: AuditEntry) {
            id = entry.id
            actorId = entry.actorId
            action = entry.action
            subjectType = entry.subjectType
            subjectId = entry.subjectId
            detail = entry.detail
            createdAt = RFC3339.format(entry.createdAt, in: TimeZone(identifier: "UTC")!)
        }
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("audit", use: list)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<EntryView> {
        let user = try context.requireConfigurer()
        let query = request.uri.queryParameters
        let limit = try FieldInput.integer(query.get("limit"), field: "limit", range: 1...500, default: 100)
        let offset = try FieldInput.integer(query.get("offset"), field: "offset", range: 0...1_000_000, default: 0)
        return ListView(items: try await store.audit.list(workspaceId: user.workspaceId, subjectId: query.get("subjectId"),
                                                          limit: limit, offset: offset).map(EntryView.init))
    }
}
