import Foundation

/// The stable name of a meeting provider, stored with connections and meetings. A struct rather
/// than an enum so a new provider adds a constant without touching any `switch`.
public struct ProviderKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let zoom = ProviderKind(rawValue: "zoom")
    public static let sandbox = ProviderKind(rawValue: "sandbox")
    public static let jitsi = ProviderKind(rawValue: "jitsi")
    public static let teams = ProviderKind(rawValue: "teams")
    public static let webex = ProviderKind(rawValue: "webex")
    public static let google = ProviderKind(rawValue: "google")

    /// The name people know the tool by, in messages and pages.
    public var displayName: String {
        switch self {
        case .zoom: "Zoom"
        case .teams: "Microsoft Teams"
        case .webex: "Webex"
        case .google: "Google Meet"
        case .jitsi: "Jitsi"
        case .sandbox: "Sandbox"
        default: rawValue.capitalized
        }
    }
}
