import Foundation
import SlotlineCore
import SQLKit

private typealias Subscriptions = WebhookSubscriptionRecord.Columns
private typealias Deliveries = WebhookDelivery.Columns

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
                .record(WebhookSubscriptionRecord(subscription: subscription, updatedAt: now)).run()
        }
    }

    public func list(workspaceId: String) async throws -> [WebhookSubscription] {
        try await database.read { db in try await Self.subscriptions(workspaceId: workspaceId, in: db) }
    }

    public func find(id: String, workspaceId: String) async throws -> WebhookSubscription? {
        try await database.read { db in
            try await db.select().column("*").from(WebhookSubscriptionRecord.table)
                .where(Subscriptions.id, .equal, id).where(Subscriptions.workspaceId, .equal, workspaceId)
                .first()?.record(WebhookSubscriptionRecord.self).subscription
        }
    }

    /// Removes a subscription with its delivery log; its pending deliveries are skipped when their jobs run.
    @discardableResult
    public func delete(id: String, workspaceId: String) async throws -> Bool {
        try await database.write { db in
            let found = try await db.select().column(Subscriptions.id).from(WebhookSubscriptionRecord.table)
                .where(Subscriptions.id, .equal, id).where(Subscriptions.workspaceId, .equal, workspaceId).first() != nil
            guard found else { return false }
            try await db.delete(from: WebhookDelivery.table).where(Deliveries.subscriptionId, .equal, id).run()
            try await db.delete(from: WebhookSubscriptionRecord.table).where(Subscriptions.id, .equal, id).run()
            return true
        }
    }

    /// Queues `event` for every active subscription of the workspace that asked for its type.
    static func fanOut(_ event: WebhookEvent, workspaceId: String, now: Date, in db: any SQLDatabase) async throws {
        for subscription in try await subscriptions(workspaceId: workspaceId, in: db)
        where subscription.active && subscription.events.contains(event.type) {
            let delivery = WebhookDelivery(id: Secrets.newID(), workspaceId: workspaceId, subscriptionId: subscription.id,
                                           eventId: event.id, eventType: event.type, payload: event.payload, state: .pending,
                                           attempts: 0, createdAt: now)
            let inserted = try await db.insert(into: WebhookDelivery.table).record(delivery)
                .ignoringConflicts(with: [Deliveries.subscriptionId, Deliveries.eventId]).returning(Deliveries.id).all()
            guard !inserted.isEmpty else { continue }
            try await JobQueue.insert([NewJob(WebhookDeliveryDue(deliveryId: delivery.id), workspaceId: workspaceId,
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
            try await db.select().column("*").from(WebhookDelivery.table)
                .where(Deliveries.subscriptionId, .equal, subscriptionId).where(Deliveries.workspaceId, .equal, workspaceId)
                .orderBy(Deliveries.createdAt, .descending).orderBy(Deliveries.id, .descending).limit(limit)
                .all().map { try $0.record(WebhookDelivery.self) }
        }
    }

    /// A delivery with its subscription, for the delivery worker; nil when either is gone.
    public func delivery(id: String) async throws -> (WebhookDelivery, WebhookSubscription)? {
        try await database.read { db in
            guard let delivery = try await db.select().column("*").from(WebhookDelivery.table).where(Deliveries.id, .equal, id)
                .first()?.record(WebhookDelivery.self),
                  let subscription = try await db.select().column("*").from(WebhookSubscriptionRecord.table)
                .where(Subscriptions.id, .equal, delivery.subscriptionId)
                .first()?.record(WebhookSubscriptionRecord.self).subscription
            else { return nil }
            return (delivery, subscription)
        }
    }

    /// Records one attempt: delivered, failed for good, or still pending for a retry.
    public func recordAttempt(id: String, state: WebhookDelivery.State, responseStatus: Int?, error: String?) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(WebhookDelivery.table)
                .set(Deliveries.attempts, to: SQLRaw("\(Deliveries.attempts) + 1"))
                .set(Deliveries.state, to: state.rawValue)
                .set(Deliveries.responseStatus, to: responseStatus)
                .set(Deliveries.lastError, to: error.map { String($0.prefix(2000)) })
                .set(Deliveries.deliveredAt, to: state == .delivered ? now.unixSeconds : nil)
                .where(Deliveries.id, .equal, id).run()
        }
    }

    static func subscriptions(workspaceId: String, in db: any SQLDatabase) async throws -> [WebhookSubscription] {
        try await db.select().column("*").from(WebhookSubscriptionRecord.table).where(Subscriptions.workspaceId, .equal, workspaceId)
            .orderBy(Subscriptions.createdAt).orderBy(Subscriptions.id)
            .all().map { try $0.record(WebhookSubscriptionRecord.self).subscription }
    }
}
