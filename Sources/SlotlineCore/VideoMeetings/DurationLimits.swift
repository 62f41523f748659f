/// The longest video meeting each provider takes, in minutes (Zoom's 24 hours unless configured).
public struct DurationLimits: Sendable, Equatable {
    public static let defaultMinutes = 24 * 60
    /// No setting may allow more: the window an allocation reads grows with the longest meeting.
    public static let ceilingMinutes = 7 * 24 * 60

    public var standard: Int
    public var perProvider: [ProviderKind: Int]

    public init(standard: Int = DurationLimits.defaultMinutes, perProvider: [ProviderKind: Int] = [:]) {
        self.standard = standard
        self.perProvider = perProvider
    }

    public func minutes(for provider: ProviderKind) -> Int { perProvider[provider] ?? standard }

    /// The longest any provider allows: how far back a meeting reaching into an interval can start.
    public var longestMinutes: Int { perProvider.values.reduce(standard, max) }

    /// `1440` for every provider, or `1440,zoom=1440,webex=1440` with exceptions; nil when malformed.
    public init?(setting: String) {
        var limits = DurationLimits()
        for part in setting.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard let minutes = Int(pair.last ?? ""), (1...Self.ceilingMinutes).contains(minutes) else { return nil }
            if pair.count == 2 {
                guard !pair[0].isEmpty else { return nil }
                limits.perProvider[ProviderKind(rawValue: pair[0])] = minutes
            } else {
                limits.standard = minutes
            }
        }
        self = limits
    }
}
