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

    /// Every field optional so one type serves create (defaults filled in) and update (unchanged when absent).
    struct Input: Decodable {
        var name: String?
        var description: String?
        var durationMinutes: Int?
        var bufferBeforeMinutes: Int?
        var bufferAfterMinutes: Int?
        var slotIntervalMinutes: Int?
        var capacity: Int?
        var priceMinor: Int?
        var currency: String?
        var requiresPayment: Bool?
        var requiresConfirmation: Bool?
        var paymentWindowMinutes: Int?
        var online: Bool?
        var meetingLinkSource: MeetingLinkSource?
        var meetingText: String?
        var onlineInstructions: String?
        var reminderOffsetsMinutes: [Int]?
        var minimumNoticeMinutes: Int?
        var maximumAdvanceDays: Int?
        var changePolicy: ChangePolicy?
        var practitionerIds: [String]?
        var active: Bool?

        func applied(to service: Service) -> Service {
            var s = service
            if let name { s.name = name }
            if let description { s.description = description }
            if let durationMinutes {
                if s.slotIntervalMinutes == s.durationMinutes && slotIntervalMinutes == nil { s.slotIntervalMinutes = durationMinutes }
                s.durationMinutes = durationMinutes
            }
            if let bufferBeforeMinutes { s.bufferBeforeMinutes = bufferBeforeMinutes }
            if let bufferAfterMinutes { s.bufferAfterMinutes = bufferAfterMinutes }
            if let slotIntervalMinutes { s.slotIntervalMinutes = slotIntervalMinutes }
            if let capacity { s.capacity = capacity }
            if let priceMinor { s.priceMinor = priceMinor }
            if let currency { s.currency = currency.uppercased() }
            if let requiresPayment { s.requiresPayment = requiresPayment }
            if let requiresConfirmation { s.requiresConfirmation = requiresConfirmation }
            if let paymentWindowMinutes { s.paymentWindowMinutes = paymentWindowMinutes }
            if let online {
                s.online = online
                if !online && meetingLinkSource == nil { s.meetingLinkSource = .none }
            }
            if let meetingLinkSource { s.meetingLinkSource = meetingLinkSource }
            if let meetingText { s.meetingText = meetingText }
            if let onlineInstructions { s.onlineInstructions = onlineInstructions }
            if let reminderOffsetsMinutes { s.reminderOffsetsMinutes = reminderOffsetsMinutes }
            if let minimumNoticeMinutes { s.minimumNoticeMinutes = minimumNoticeMinutes }
            if let maximumAdvanceDays { s.maximumAdvanceDays = maximumAdvanceDays }
            if let changePolicy { s.changePolicy = changePolicy }
            if let practitionerIds { s.practitionerIds = practitionerIds }
            if let active { s.active = active }
            return s
        }
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
        let input = try await RequestBody.decode(Input.self, from: request, context: context)
        guard input.name != nil else { throw SlotlineError.missing("name") }
        guard let duration = input.durationMinutes else { throw SlotlineError.missing("durationMinutes") }
        let blank = Service(id: Secrets.newID(), workspaceId: user.workspaceId, name: "", durationMinutes: duration)
        let service = try input.applied(to: blank).validated()
        try await store.services.save(service, now: store.time.now())
        return EditedResponse(status: .created, response: ServiceView(service, viewer: user))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> ServiceView {
        ServiceView(try await find(context), viewer: try context.requireStaff())
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> ServiceView {
        let user = try context.requireConfigurer()
        let existing = try await find(context)
        let input = try await RequestBody.decode(Input.self, from: request, context: context)
        let service = try input.applied(to: existing).validated()
        try await store.services.save(service, now: store.time.now())
        return ServiceView(service, viewer: user)
    }

    /// Sends the confirmed-booking message of the service, with its real meeting link, to a staff
    /// address: the way to check a link before customers see it.
    @Sendable func testMessage(request: Request, context: SlotlineContext) async throws -> EditedResponse<OutboxController.MessageView> {
        let user = try context.requireConfigurer()
        let service = try await find(context)
        let input = try await RequestBody.decode(TestMessageInput.self, from: request, context: context)
        guard let to = try SlotlineServer.Input.text(input.to, field: "to", max: 254, required: true) else { throw SlotlineError.missing("to") }
        guard Customer.looksLikeEmail(to) else { throw SlotlineError.invalid("to", "an email address") }
        let message = try await desk.sendTestMessage(
            service: service, practitionerId: input.practitionerId,
            to: MailAddress(name: try SlotlineServer.Input.text(input.name, field: "name", max: 200) ?? "", address: to.trimmingCharacters(in: .whitespaces)),
            language: input.language, workspaceId: user.workspaceId)
        return EditedResponse(status: .created, response: OutboxController.MessageView(message))
    }

    private func find(_ context: SlotlineContext) async throws -> Service {
        let user = try context.requireStaff()
        guard let service = try await store.services.find(id: try context.parameters.require(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("service")
        }
        return service
    }
}
