import AsyncHTTPClient
import Foundation
import NIOCore
import SlotlineNotify
import SlotlineStore

/// POSTs one webhook delivery, signed. Anything but a 2xx within the timeout is retried with
/// backoff; the delivery log keeps each outcome. Unless private addresses are allowed, an endpoint
/// whose host resolves to one (or to nothing) is not sent to, for good.
struct WebhookDeliveryHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings
    let client: HTTPClient

    static let timeout: TimeAmount = .seconds(10)

    struct Refused: Error, CustomStringConvertible {
        let status: Int
        var description: String { "the endpoint answered \(status)" }
    }

    /// An endpoint that is not sent to, and retrying cannot change that.
    struct Undeliverable: Error, CustomStringConvertible {
        let description: String
    }

    func run(_ payload: WebhookDeliveryDue, job: Job) async throws {
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
            let response = try await send(request, to: subscription.url)
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
        } catch let undeliverable as Undeliverable {
            try await store.webhooks.recordAttempt(id: delivery.id, state: .failed, responseStatus: nil, error: undeliverable.description)
            throw JobError.permanent(undeliverable.description)
        } catch {
            try await store.webhooks.recordAttempt(id: delivery.id, state: lastTry ? .failed : .pending, responseStatus: nil,
                                                   error: "\(error)")
            throw error
        }
    }

    /// Through the shared client; or, with private addresses refused, through a client of its own that
    /// connects only to the address just checked (a second lookup could answer otherwise) and follows
    /// no redirect (one could lead anywhere).
    private func send(_ request: HTTPClientRequest, to url: String) async throws -> HTTPClientResponse {
        if settings.webhooksMayReachPrivateAddresses { return try await client.execute(request, timeout: Self.timeout) }
        guard let host = URL(string: url)?.host else { throw Undeliverable(description: "the endpoint has no host") }
        let pinned = Self.pinnedClient(host: host, address: try await Self.publicAddress(of: host))
        do {
            let response = try await pinned.execute(request, timeout: Self.timeout)
            try? await pinned.shutdown()
            return response
        } catch {
            try? await pinned.shutdown()
            throw error
        }
    }

    /// The address to connect to when every address of `host` is public. A lookup that gets no
    /// answer throws `HostResolver.Failure`, retried like any network error.
    static func publicAddress(of host: String) async throws -> IPAddress {
        let addresses = try await HostResolver.addresses(of: host)
        guard let first = addresses.first else { throw Undeliverable(description: "the endpoint's host \(host) resolves to no address") }
        if let refused = addresses.first(where: PrivateAddresses.contains) {
            throw Undeliverable(description: "the endpoint resolves to a private address \(refused)")
        }
        return first
    }

    /// A client that sends requests for `host` to `address` (TLS still checks the certificate for
    /// `host`) and answers redirects as they are. The caller shuts it down.
    static func pinnedClient(host: String, address: IPAddress) -> HTTPClient {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        configuration.dnsOverride = [host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")): address.description]
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
