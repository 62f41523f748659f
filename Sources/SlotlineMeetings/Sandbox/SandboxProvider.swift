import Crypto
import Foundation
import SlotlineCore

/// Realistic meetings minted locally, for a new installation and the demo: a 10–11 digit number,
/// a 6-digit passcode, and join and host links that Slotline serves itself:
/// `{baseURL}/j/{number}` and `{baseURL}/s/{number}?host={hostKey}`.
///
/// Nothing is stored here. Passcode and host key are derived from the number with the key, so
/// an update gives back the same ones and the server checks a host link without a lookup. A
/// create does no I/O and cannot time out, so `find(marker:)` has nothing to find and answers nil.
public struct SandboxProvider: MeetingProvider {
    public var kind: ProviderKind { .sandbox }
    public let baseURL: String
    private let key: SymmetricKey
    private let random: @Sendable () -> UInt64

    /// `baseURL` is where Slotline serves sandbox meetings, e.g. `{SLOTLINE_PUBLIC_URL}/sandbox`.
    /// `random` draws meeting numbers; pass a seeded one for repeatable tests.
    public init(baseURL: String, key: SymmetricKey,
                random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
        self.random = random
    }

    public func create(_ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        try meeting(number: String(1_000_000_000 + random() % 99_000_000_000), request)
    }

    public func update(externalId: String, _ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        guard Self.isMeetingNumber(externalId) else { throw MeetingProviderError.notFound }
        return try meeting(number: externalId, request)
    }

    public func delete(externalId: String, credentials: ProviderCredentials) async throws {}

    public func end(externalId: String, credentials: ProviderCredentials) async throws {}

    public func hostURL(externalId: String, credentials: ProviderCredentials) async throws -> String? {
        guard Self.isMeetingNumber(externalId) else { throw MeetingProviderError.notFound }
        return hostURL(number: externalId)
    }

    public func find(marker: MeetingMarker, credentials: ProviderCredentials) async throws -> ProviderMeeting? { nil }

    public func account(credentials: ProviderCredentials) async throws -> ProviderAccount {
        ProviderAccount(externalUserId: "sandbox", email: nil, label: "Sandbox")
    }

    /// The passcode of meeting `number` (unless its request fixed another).
    public func passcode(for number: String) -> String {
        let digest = Array(HMAC<SHA256>.authenticationCode(for: Data("passcode:\(number)".utf8), using: key))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let text = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// The secret in meeting `number`'s host link.
    public func hostKey(for number: String) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data("host:\(number)".utf8), using: key).prefix(16))
    }

    /// Whether `hostKey` opens meeting `number` as host (compared in constant time).
    public func isHostKey(_ candidate: String, for number: String) -> Bool {
        ConstantTime.equal(candidate, hostKey(for: number))
    }

    /// Whether `text` looks like a sandbox meeting number (10–11 digits, no leading zero).
    public static func isMeetingNumber(_ text: String) -> Bool {
        (10...11).contains(text.count) && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) && !text.hasPrefix("0")
    }

    private func hostURL(number: String) -> String { "\(baseURL)/s/\(number)?host=\(hostKey(for: number))" }

    private func meeting(number: String, _ request: MeetingRequest) throws -> ProviderMeeting {
        guard request.durationMinutes > 0 else { throw MeetingProviderError.invalidRequest("duration must be positive") }
        let passcode: String = switch request.passcode {
        case .fixed(let fixed): fixed
        case .generated, .providerDefault: self.passcode(for: number)
        }
        return ProviderMeeting(externalId: number, meetingNumber: number, joinURL: "\(baseURL)/j/\(number)",
                               hostURL: hostURL(number: number), passcode: passcode,
                               start: request.start, durationMinutes: request.durationMinutes)
    }
}
