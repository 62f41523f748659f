import Foundation

/// A workspace's endpoint for event notifications. The signing secret is kept sealed (encrypted
/// with the server key by the caller) and shown in clear only once, when created.
public struct WebhookSubscription: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var url: String
    public var events: [String]
    public var sealedSecret: String
    public var active: Bool
    public var createdAt: Date

    public init(id: String, workspaceId: String, url: String, events: [String], sealedSecret: String, active: Bool = true, createdAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.url = url
        self.events = events
        self.sealedSecret = sealedSecret
        self.active = active
        self.createdAt = createdAt
    }
}

/// One event sent (or being sent) to one subscription: the delivery log.
public struct WebhookDelivery: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case pending, delivered, failed }

    public var id: String
    public var workspaceId: String
    public var subscriptionId: String
    public var eventId: String
    public var eventType: String
    /// The exact JSON body sent, so every retry signs and sends the same bytes.
    public var payload: String
    public var state: State
    public var attempts: Int
    public var responseStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// An event to fan out to the subscriptions that want it.
public struct WebhookEvent: Sendable, Equatable {
    /// Stable for the same happening, so a repeated fan-out adds nothing.
    public var id: String
    public var type: String
    public var payload: String

    public init(id: String, type: String, payload: String) {
        self.id = id
        self.type = type
        self.payload = payload
    }
}

struct WebhookSubscriptionRecord: Codable, Sendable {
    static let table = "webhook_subscriptions"
    var id: String
    var workspaceId: String
    var url: String
    var events: String
    var sealedSecret: String
    var active: Bool
    var createdAt: Int64
    var updatedAt: Int64

    init(_ subscription: WebhookSubscription, updatedAt: Date) {
        id = subscription.id
        workspaceId = subscription.workspaceId
        url = subscription.url
        events = Row.json(subscription.events)
        sealedSecret = subscription.sealedSecret
        active = subscription.active
        createdAt = subscription.createdAt.unixSeconds
        self.updatedAt = updatedAt.unixSeconds
    }

    func model() throws -> WebhookSubscription {
        WebhookSubscription(id: id, workspaceId: workspaceId, url: url, events: try Row.decodeJSON([String].self, events),
                            sealedSecret: sealedSecret, active: active, createdAt: Date(unixSeconds: createdAt))
    }
}

struct WebhookDeliveryRecord: Codable, Sendable {
    static let table = "webhook_deliveries"
    var id: String
    var workspaceId: String
    var subscriptionId: String
    var eventId: String
    var eventType: String
    var payload: String
    var state: String
    var attempts: Int
    var responseStatus: Int?
    var lastError: String?
    var createdAt: Int64
    var deliveredAt: Int64?

    var model: WebhookDelivery {
        WebhookDelivery(id: id, workspaceId: workspaceId, subscriptionId: subscriptionId, eventId: eventId, eventType: eventType,
                        payload: payload, state: WebhookDelivery.State(rawValue: state) ?? .failed, attempts: attempts,
                        responseStatus: responseStatus, lastError: lastError, createdAt: Date(unixSeconds: createdAt),
                        deliveredAt: deliveredAt.map(Date.init(unixSeconds:)))
    }
}
