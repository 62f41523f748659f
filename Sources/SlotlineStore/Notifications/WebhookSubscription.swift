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

/// A subscription's row: the subscription, and when it last changed.
struct WebhookSubscriptionRecord: TableRecord {
    static let table = "webhook_subscriptions"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let url = "url"
        static let events = "events"
        static let sealedSecret = "sealed_secret"
        static let active = "active"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    var subscription: WebhookSubscription
    var updatedAt: Date

    static let fields: [Field<WebhookSubscriptionRecord>] = [
        .value(Columns.id, \.subscription.id),
        .value(Columns.workspaceId, \.subscription.workspaceId),
        .value(Columns.url, \.subscription.url),
        .json(Columns.events, \.subscription.events),
        .value(Columns.sealedSecret, \.subscription.sealedSecret),
        .value(Columns.active, \.subscription.active),
        .seconds(Columns.createdAt, \.subscription.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = WebhookSubscriptionRecord(
        subscription: WebhookSubscription(id: "", workspaceId: "", url: "", events: [], sealedSecret: "", createdAt: .distantPast),
        updatedAt: .distantPast)
}

extension WebhookDelivery: TableRecord {
    static let table = "webhook_deliveries"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let subscriptionId = "subscription_id"
        static let eventId = "event_id"
        static let eventType = "event_type"
        static let payload = "payload"
        static let state = "state"
        static let attempts = "attempts"
        static let responseStatus = "response_status"
        static let lastError = "last_error"
        static let createdAt = "created_at"
        static let deliveredAt = "delivered_at"
    }

    static let fields: [Field<WebhookDelivery>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.subscriptionId, \.subscriptionId),
        .value(Columns.eventId, \.eventId),
        .value(Columns.eventType, \.eventType),
        .value(Columns.payload, \.payload),
        .raw(Columns.state, \.state, unknown: .failed),
        .value(Columns.attempts, \.attempts),
        .value(Columns.responseStatus, \.responseStatus),
        .value(Columns.lastError, \.lastError),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.deliveredAt, \.deliveredAt),
    ]

    static let blank = WebhookDelivery(id: "", workspaceId: "", subscriptionId: "", eventId: "", eventType: "", payload: "",
                                       state: .failed, attempts: 0, createdAt: .distantPast)
}
