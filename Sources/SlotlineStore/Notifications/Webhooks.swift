import Foundation
import SlotlineCore
import SQLKit

/// Webhook subscriptions and their delivery log. Fan-out writes one delivery and one job per
/// interested subscription, in the caller's transaction; an event id is delivered once per subscription.
public struct Webhooks: Sendable {
    let database: Access
    let time: TimeSource

    /// Retries over about 14 hours (the backoff is capped at one hour) before a delivery is given up.
    public static let deliveryAttempts = 20

    public func create(_ subscription: WebhookSubscription) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.insert(into: WebhookSubscriptionRecord.table)
                .model(WebhookSubscriptionRecord(subscription, updatedAt: now), with: Row.encoder).run()
        }
    }

    public func list(workspaceId: String) async throws -> [WebhookSubscription] {
        try await database.read { db in try await Self.subscriptions(workspaceId: workspaceId, in: db) }
    }

    public func find(id: String, workspaceId: String) async throws -> WebhookSubscription? {
        try await database.read { db in
            try await db.select().column("*").from(WebhookSubscriptionRecord.table)
                .where("id", .equal, id).where("workspace_id", .equal, workspaceId)
                .first()?.decode(WebhookSubscriptionRecord.self).model()
        }
    }

    /// Removes a subscription with its delivery log; its pending deliveries are skipped when their jobs run.
    @discardableResult
    public func delete(id: String, workspaceId: String) async throws -> Bool {
        try await database.write { db in
            let found = try await db.select().column("id").from(WebhookSubscriptionRecord.table)
                .where("id", .equal, id).where("workspace_id", .equal, workspaceId).first() != nil
            guard found else { return false }
            try await db.delete(from: WebhookDeliveryRecord.table).where("subscription_id", .equal, id).run()
            try await db.delete(from: WebhookSubscriptionRecord.table).where("id", .equal, id).run()
            return true
        }
    }

    /// Queues `event` for every active subscription of the workspace that asked for its type.
    static func fanOut(_ event: WebhookEvent, workspaceId: String, now: Date, in db: any SQLDatabase) async throws {
        for subscription in try await subscriptions(workspaceId: workspaceId, in: db)
        where subscription.active && subscription.events.contains(event.type) {
            let record = WebhookDeliveryRecord(id: Secrets.newID(), workspaceId: workspaceId, subscriptionId: subscription.id,
                                               eventId: event.id, eventType: event.type, payload: event.payload,
                                               state: WebhookDelivery.State.pending.rawValue, attempts: 0, responseStatus: nil,
                                               lastError: nil, createdAt: now.unixSeconds, deliveredAt: nil)
            let inserted = try await db.insert(into: WebhookDeliveryRecord.table).model(record, with: Row.encoder)
                .ignoringConflicts(with: ["subscription_id", "event_id"]).returning("id").all()
            guard !inserted.isEmpty else { continue }
            try await JobQueue.insert([NewJob(WebhookDeliveryDue(deliveryId: record.id), workspaceId: workspaceId,
                                              subject: JobSubject.webhook(subscription.id), runAt: now, maxAttempts: deliveryAttempts)],
                                      now: now, in: db)
        }
    }

    public func fanOut(_ event: WebhookEvent, workspaceId: String) async throws {
        let now = time.now()
        try await database.write { db in try await Self.fanOut(event, workspaceId: workspaceId, now: now, in: db) }
    }

    public func deliveries(subscriptionId: String, workspaceId: String, limit: Int) async throws -> [WebhookDelivery] {
        try await database.read { db in
            try await db.select().column("*").from(WebhookDeliveryRecord.table)
                .where("subscription_id", .equal, subscriptionId).where("workspace_id", .equal, workspaceId)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit)
                .all().map { try $0.decode(WebhookDeliveryRecord.self).model }
        }
    }

    /// A delivery with its subscription, for the delivery worker; nil when either is gone.
    public func delivery(id: String) async throws -> (WebhookDelivery, WebhookSubscription)? {
        try await database.read { db in
            guard let delivery = try await db.select().column("*").from(WebhookDeliveryRecord.table).where("id", .equal, id)
                .first()?.decode(WebhookDeliveryRecord.self).model,
                  let subscription = try await db.select().column("*").from(WebhookSubscriptionRecord.table)
                .where("id", .equal, delivery.subscriptionId).first()?.decode(WebhookSubscriptionRecord.self).model()
            else { return nil }
            return (delivery, subscription)
        }
    }

    /// Records one attempt: delivered, failed for good, or still pending for a retry.
    public func recordAttempt(id: String, state: WebhookDelivery.State, responseStatus: Int?, error: String?) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(WebhookDeliveryRecord.table)
                .set("attempts", to: SQLRaw("attempts + 1"))
                .set("state", to: state.rawValue)
                .set("response_status", to: responseStatus)
                .set("last_error", to: error.map { String($0.prefix(2000)) })
                .set("delivered_at", to: state == .delivered ? now.unixSeconds : nil)
                .where("id", .equal, id).run()
        }
    }

    static func subscriptions(workspaceId: String, in db: any SQLDatabase) async throws -> [WebhookSubscription] {
        try await db.select().column("*").from(WebhookSubscriptionRecord.table).where("workspace_id", .equal, workspaceId)
            .orderBy("created_at").orderBy("id").all().map { try $0.decode(WebhookSubscriptionRecord.self).model() }
    }
}
