import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SlotlineCore

/// One HTTP exchange with a provider: a deadline on the whole exchange, the body read in full,
/// transport failures turned into `.transient`, and one debug line per call with no secret in it.
struct ProviderHTTP: Sendable {
    let kind: ProviderKind
    let client: HTTPClient
    let timeout: Duration
    let time: TimeSource
    let logger: Logger

    struct Response: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: Data

        /// The answer's `Retry-After`, read against `now`.
        func retryAfter(now: Date) -> Duration? {
            RetryAfter.parse(headers.first(name: "Retry-After"), now: now)
        }
    }

    static let maxBodyBytes = 8 * 1024 * 1024

    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil,
              redaction: Redaction) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Slotline")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let path = Self.path(of: url)
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            let bytes = try await response.body.collect(upTo: Self.maxBodyBytes)
            logger.debug("provider call", metadata: [
                "meeting.provider": "\(kind)", "http.method": "\(method.rawValue)", "http.path": "\(path)",
                "http.status": "\(response.status.code)", "http.duration": "\(ContinuousClock.now - started)",
            ])
            return Response(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let reason = redaction.scrub(Self.describe(error, timeout: timeout))
            logger.debug("provider call failed", metadata: [
                "meeting.provider": "\(kind)", "http.method": "\(method.rawValue)", "http.path": "\(path)",
                "error": "\(reason)",
            ])
            throw MeetingProviderError.transient("\(method.rawValue) \(path): \(reason)")
        }
    }

    /// The URL's path, without the query (where a revoke puts its token).
    static func path(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "?" }
        return components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    }

    static func describe(_ error: any Error, timeout: Duration) -> String {
        switch error as? HTTPClientError {
        case .deadlineExceeded?, .readTimeout?, .writeTimeout?:
            "no answer within \(timeout)"
        case .connectTimeout?:
            "timed out connecting"
        case .remoteConnectionClosed?:
            "the connection closed before the answer"
        default:
            error is NIOTooManyBytesError ? "the answer was too large" : "\(error)"
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
