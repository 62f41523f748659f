import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/practitioners`: people and rooms, their hours and their static meeting text.
struct PractitionerController {
    let store: Store
    let desk: Desk

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("practitioners", use: list)
        group.post("practitioners", use: create)
        group.get("practitioners/:id", use: get)
        group.put("practitioners/:id", use: update)
        group.get("practitioners/:id/availability", use: availability)
        group.put("practitioners/:id/availability", use: setAvailability)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<PractitionerView> {
        let user = try context.requireStaff()
        return ListView(items: try await store.practitioners.list(workspaceId: user.workspaceId).map { PractitionerView($0, viewer: user) })
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<PractitionerView> {
        let user = try context.requireConfigurer()
        let changes = try await RequestBody.decode(PractitionerChanges.self, from: request, context: context)
        let practitioner = try await desk.createPractitioner(changes, workspaceId: user.workspaceId)
        return EditedResponse(status: .created, response: PractitionerView(practitioner, viewer: user))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> PractitionerView {
        PractitionerView(try await find(context), viewer: try context.requireStaff())
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> PractitionerView {
        let user = try context.requireConfigurer()
        let id = try context.parameters.require()
        let changes = try await RequestBody.decode(PractitionerChanges.self, from: request, context: context)
        return PractitionerView(try await desk.updatePractitioner(id: id, changes, workspaceId: user.workspaceId), viewer: user)
    }

    @Sendable func availability(request: Request, context: SlotlineContext) async throws -> EditedResponse<Availability> {
        EditedResponse(response: try await find(context).availability)
    }

    @Sendable func setAvailability(request: Request, context: SlotlineContext) async throws -> EditedResponse<Availability> {
        let user = try context.requireConfigurer()
        let id = try context.parameters.require()
        let availability = try await RequestBody.decode(Availability.self, from: request, context: context)
        return EditedResponse(response: try await desk.setAvailability(availability, practitionerId: id, workspaceId: user.workspaceId).availability)
    }

    private func find(_ context: SlotlineContext) async throws -> Practitioner {
        try await desk.practitioner(id: try context.parameters.require(), workspaceId: try context.requireStaff().workspaceId)
    }
}

extension Availability: ResponseEncodable {}
