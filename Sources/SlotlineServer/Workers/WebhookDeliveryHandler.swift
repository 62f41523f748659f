import AsyncHTTPClient
import Foundation
import NIOCore
import SlotlineNotify
import SlotlineStore

/// POSTs one webhook delivery, signed. Anything but a 2xx within the timeout is retried with
/// backoff; the delivery log keeps each outcome.
struct WebhookDeliveryHandler: JobHandler {
    let store: Store
    let settings: ServerSettings
    let client: HTTPClient
    var kind: String { Webhooks.deliverJob }

    static let timeout: TimeAmount = .seconds(10)

    struct Payload: Decodable { let deliveryId: String }

    struct Refused: Error, CustomStringConvertible {
        let status: Int
        var description: String { "the endpoint answered \(status)" }
    }

    func run(_ job: Job) async throws {
        let payload = try job.decodedPayload(Payload.self)
        guard let (delivery, subscription) = try await store.webhooks.delivery(id: payload.deliveryId),
              delivery.state == .pending else { return }
        let secret: String
        do {
            secret = try settings.vault.open(subscription.sealedSecret)
        } catch {
            try await store.webhooks.recordAttempt(id: delivery.id, state: .failed, responseStatus: nil, error: "the signing secret cannot be opened")
            throw JobError.permanent("the signing secret cannot be opened")
        }
        var request = HTTPClientRequest(url: subscription.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Slotline-Webhooks/1")
        request.headers.add(name: "Slotline-Event", value: delivery.eventType)
        request.headers.add(name: "Slotline-Event-Id", value: delivery.eventId)
        request.headers.add(name: "Slotline-Delivery", value: delivery.id)
        request.headers.add(name: WebhookSignature.header,
                            value: WebhookSignature.sign(body: delivery.payload, secret: secret, timestamp: store.time.now().unixSeconds))
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        let lastTry = job.attempts >= job.maxAttempts
        do {
            // The status is the answer; the body is left unread, so a slow body cannot hold the worker.
            let response = try await client.execute(request, timeout: Self.timeout)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                try await store.webhooks.recordAttempt(id: delivery.id, state: lastTry ? .failed : .pending, responseStatus: status,
                                                       error: Refused(status: status).description)
                throw Refused(status: status)
            }
            // If this write fails the delivery is retried: at least once, which the stable event id allows.
            try await store.webhooks.recordAttempt(id: delivery.id, state: .delivered, responseStatus: status, error: nil)
        } catch let refused as Refused {
            throw refused
        } catch {
            try await store.webhooks.recordAttempt(id: delivery.id, state: lastTry ? .failed : .pending, responseStatus: nil,
                                                   error: "\(error)")
            throw error
        }
    }
}
