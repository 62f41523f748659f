import Foundation
import SlotlineCore

/// Jitsi Meet has no API: a meeting is a room URL nobody can guess, `{baseURL}/{prefix}-{random}`.
/// The room URL is the external id, so an update keeps it even if the base URL setting changes,
/// and a delete only forgets it. Jitsi sets passcodes from inside the room, so none is given.
public struct JitsiProvider: MeetingProvider {
    public static let defaultBaseURL = "https://meet.jit.si"

    public var kind: ProviderKind { .jitsi }
    public let baseURL: String
    public let roomPrefix: String
    private let random: @Sendable () -> UInt64

    /// `baseURL` is `SLOTLINE_JITSI_URL` (meet.jit.si or a self-hosted server); `roomPrefix` is
    /// typically the workspace slug. `random` draws room names; pass a seeded one for tests.
    public init(baseURL: String = defaultBaseURL, roomPrefix: String,
                random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let slug = String(roomPrefix.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            .split(separator: "-").joined(separator: "-")
        self.roomPrefix = slug.isEmpty ? "slotline" : String(slug.prefix(40))
        self.random = random
    }

    public func create(_ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        // Two draws: 20 characters of 32 symbols, about 100 bits.
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var suffix = ""
        for _ in 0..<2 {
            var bits = random()
            for _ in 0..<10 {
                suffix.append(alphabet[Int(bits & 31)])
                bits >>= 5
            }
        }
        return try meeting(url: "\(baseURL)/\(roomPrefix)-\(suffix)", request)
    }

    public func update(externalId: String, _ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        try meeting(url: externalId, request)
    }

    public func delete(externalId: String, credentials: ProviderCredentials) async throws {}

    public func end(externalId: String, credentials: ProviderCredentials) async throws {}

    public func hostURL(externalId: String, credentials: ProviderCredentials) async throws -> String? { nil }

    /// Creates make no call and cannot time out: there is never a lost one to find.
    public func find(marker: MeetingMarker, credentials: ProviderCredentials) async throws -> ProviderMeeting? { nil }

    public func account(credentials: ProviderCredentials) async throws -> ProviderAccount {
        ProviderAccount(externalUserId: baseURL, email: nil, label: "Jitsi (\(URLComponents(string: baseURL)?.host ?? baseURL))")
    }

    private func meeting(url: String, _ request: MeetingRequest) throws -> ProviderMeeting {
        guard request.durationMinutes > 0 else { throw MeetingProviderError.invalidRequest("duration must be positive") }
        return ProviderMeeting(externalId: url, meetingNumber: nil, joinURL: url, hostURL: nil, passcode: nil,
                               start: request.start, durationMinutes: request.durationMinutes)
    }
}
