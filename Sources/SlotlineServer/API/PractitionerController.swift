import Foundation
import Hummingbird
import SlotlineCore
import SlotlineStore

/// `/api/v1/practitioners`: people and rooms, their hours and their static meeting text.
struct PractitionerController {
    let store: Store

    struct Input: Decodable {
        let name: String?
        let description: String?
        let timeZone: String?
        let meetingText: String?
        let active: Bool?
        let availability: Availability?
    }

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
        let input = try await RequestBody.decode(Input.self, from: request, context: context)
        let practitioner = try apply(input, to: Practitioner(id: Secrets.newID(), workspaceId: user.workspaceId, name: "", timeZone: "UTC"),
                                     creating: true)
        try await store.practitioners.save(practitioner, now: store.time.now())
        return EditedResponse(status: .created, response: PractitionerView(practitioner, viewer: user))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> PractitionerView {
        PractitionerView(try await find(context), viewer: try context.requireStaff())
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> PractitionerView {
        let user = try context.requireConfigurer()
        let existing = try await find(context)
        let input = try await RequestBody.decode(Input.self, from: request, context: context)
        let practitioner = try apply(input, to: existing, creating: false)
        try await store.practitioners.save(practitioner, now: store.time.now())
        return PractitionerView(practitioner, viewer: user)
    }

    @Sendable func availability(request: Request, context: SlotlineContext) async throws -> EditedResponse<Availability> {
        EditedResponse(response: try await find(context).availability)
    }

    @Sendable func setAvailability(request: Request, context: SlotlineContext) async throws -> EditedResponse<Availability> {
        _ = try context.requireConfigurer()
        var practitioner = try await find(context)
        practitioner.availability = try await RequestBody.decode(Availability.self, from: request, context: context).validated()
        try await store.practitioners.save(practitioner, now: store.time.now())
        return EditedResponse(response: practitioner.availability)
    }

    private func find(_ context: SlotlineContext) async throws -> Practitioner {
        let user = try context.requireStaff()
        guard let practitioner = try await store.practitioners.find(id: try context.parameters.require(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("practitioner")
        }
        return practitioner
    }

    private func apply(_ input: Input, to practitioner: Practitioner, creating: Bool) throws -> Practitioner {
        var result = practitioner
        if let name = try SlotlineServer.Input.text(input.name, field: "name", max: 200, required: creating) { result.name = name }
        if let description = try SlotlineServer.Input.text(input.description, field: "description", max: 10_000) { result.description = description }
        if let meetingText = try SlotlineServer.Input.text(input.meetingText, field: "meetingText", max: 2_000) { result.meetingText = meetingText }
        if creating || input.timeZone != nil {
            _ = try SlotlineServer.Input.timeZone(input.timeZone, field: "timeZone")
            result.timeZone = input.timeZone ?? result.timeZone
        }
        if let active = input.active { result.active = active }
        if let availability = input.availability { result.availability = try availability.validated() }
        if result.name.trimmingCharacters(in: .whitespaces).isEmpty { throw SlotlineError.invalid("name", "must not be empty") }
        return result
    }
}

extension Availability: ResponseEncodable {}
