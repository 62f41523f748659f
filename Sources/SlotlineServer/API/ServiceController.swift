import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/api/v1/services`: what customers book.
struct ServiceController {
    let store: Store
    let desk: Desk

    /// Where to send a service's test message, and as whom.
    struct TestMessageInput: Decodable {
        var to: String?
        var name: String?
        var practitionerId: String?
        var language: Language?
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("services", use: list)
        group.post("services", use: create)
        group.get("services/:id", use: get)
        group.put("services/:id", use: update)
        group.post("services/:id/test-message", use: testMessage)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<ServiceView> {
        let user = try context.requireStaff()
        return ListView(items: try await store.services.list(workspaceId: user.workspaceId).map { ServiceView($0, viewer: user) })
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<ServiceView> {
        let user = try context.requireConfigurer()
        let changes = try await RequestBody.decode(ServiceChanges.self, from: request, context: context)
        return EditedResponse(status: .created, response: ServiceView(try await desk.createService(changes, workspaceId: user.workspaceId), viewer: user))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> ServiceView {
        ServiceView(try await find(context), viewer: try context.requireStaff())
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> ServiceView {
        let user = try context.requireConfigurer()
        let id = try context.parameters.require()
        let changes = try await RequestBody.decode(ServiceChanges.self, from: request, context: context)
        return ServiceView(try await desk.updateService(id: id, changes, workspaceId: user.workspaceId), viewer: user)
    }

    /// Sends the confirmed-booking message of the service, with its real meeting link, to a staff
    /// address: the way to check a link before customers see it.
    @Sendable func testMessage(request: Request, context: SlotlineContext) async throws -> EditedResponse<OutboxController.MessageView> {
        let user = try context.requireConfigurer()
        let service = try await find(context)
        let input = try await RequestBody.decode(TestMessageInput.self, from: request, context: context)
        guard let to = try FieldInput.text(input.to, field: "to", max: 254, required: true) else { throw SlotlineError.missing("to") }
        guard Customer.looksLikeEmail(to) else { throw SlotlineError.invalid("to", "an email address") }
        let message = try await desk.sendTestMessage(
            service: service, practitionerId: input.practitionerId,
            to: MailAddress(name: try FieldInput.text(input.name, field: "name", max: 200) ?? "", address: to.trimmingCharacters(in: .whitespaces)),
            language: input.language, workspaceId: user.workspaceId)
        return EditedResponse(status: .created, response: OutboxController.MessageView(message))
    }

    private func find(_ context: SlotlineContext) async throws -> Service {
        try await desk.service(id: try context.parameters.require(), workspaceId: try context.requireStaff().workspaceId)
    }
}
