import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/api/v1/webhooks`: where a workspace wants its events sent. The signing secret is shown once,
/// in the answer to the create call; Slotline keeps it sealed.
struct WebhookController {
    let store: Store
    let subscriptions: WebhookSubscriptions

    struct SubscriptionInput: Decodable {
        var url: String?
        var events: [String]?
    }

    struct SubscriptionView: ResponseEncodable {
        let id: String
        let url: String
        let events: [String]
        let active: Bool
        let createdAt: String
        /// Only in the answer to the create call.
        let secret: String?

        init(_ subscription: WebhookSubscription, secret: String? = nil) {
            id = subscription.id
            url = subscription.url
            events = subscription.events
            active = subscription.active
            createdAt = RFC3339.format(subscription.createdAt, in: TimeZone(identifier: "UTC")!)
            self.secret = secret
        }
    }

    struct DeliveryView: ResponseEncodable {
        let id: String
        let eventId: String
        let eventType: String
        let state: WebhookDelivery.State
        let attempts: Int
        let responseStatus: Int?
        let lastError: String?
        let createdAt: String
        let deliveredAt: String?

        init(_ delivery: WebhookDelivery) {
            let utc = TimeZone(identifier: "UTC")!
            id = delivery.id
            eventId = delivery.eventId
            eventType = delivery.eventType
            state = delivery.state
            attempts = delivery.attempts
            responseStatus = delivery.responseStatus
            lastError = delivery.lastError
            createdAt = RFC3339.format(delivery.createdAt, in: utc)
            deliveredAt = delivery.deliveredAt.map { RFC3339.format($0, in: utc) }
        }
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("webhooks", use: list)
        group.post("webhooks", use: create)
        group.get("webhooks/:id", use: get)
        group.delete("webhooks/:id", use: delete)
        group.get("webhooks/:id/deliveries", use: deliveries)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<SubscriptionView> {
        let user = try context.requireConfigurer()
        return ListView(items: try await store.webhooks.list(workspaceId: user.workspaceId).map { SubscriptionView($0) })
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<SubscriptionView> {
        let user = try context.requireConfigurer()
        let input = try await RequestBody.decode(SubscriptionInput.self, from: request, context: context)
        guard let url = try FieldInput.text(input.url, field: "url", max: 2000, required: true) else { throw SlotlineError.missing("url") }
        let (subscription, secret) = try await subscriptions.create(url: url, events: input.events ?? [], workspaceId: user.workspaceId)
        return EditedResponse(status: .created, response: SubscriptionView(subscription, secret: secret))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> SubscriptionView {
        SubscriptionView(try await find(context))
    }

    @Sendable func delete(request: Request, context: SlotlineContext) async throws -> Response {
        let user = try context.requireConfigurer()
        try await subscriptions.delete(id: try context.parameters.require(), workspaceId: user.workspaceId)
        return Response(status: .noContent)
    }

    @Sendable func deliveries(request: Request, context: SlotlineContext) async throws -> ListView<DeliveryView> {
        let subscription = try await find(context)
        let limit = try FieldInput.integer(request.uri.queryParameters.get("limit"), field: "limit", range: 1...500, default: 100)
        return ListView(items: try await store.webhooks.deliveries(subscriptionId: subscription.id, workspaceId: subscription.workspaceId,
                                                                   limit: limit).map(DeliveryView.init))
    }

    private func find(_ context: SlotlineContext) async throws -> WebhookSubscription {
        let user = try context.requireConfigurer()
        guard let subscription = try await store.webhooks.find(id: try context.parameters.require(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("webhook")
        }
        return subscription
    }
}
