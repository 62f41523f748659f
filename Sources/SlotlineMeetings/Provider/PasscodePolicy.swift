/// How a new meeting gets its passcode.
public enum PasscodePolicy: Hashable, Codable, Sendable {
    /// Whatever the host's account settings say (Zoom may still add one).
    case providerDefault
    /// A fresh random passcode of six digits, readable over the phone.
    case generated
    /// This passcode (checked against the provider's rules before any call).
    case fixed(String)
}

extension PasscodePolicy {
    /// `count` random decimal digits: what `.generated` produces.
    static func randomDigits(_ count: Int = 6) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }
}
