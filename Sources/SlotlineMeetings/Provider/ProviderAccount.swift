/// The provider user behind a connection.
public struct ProviderAccount: Hashable, Codable, Sendable {
    /// The provider's stable user id: one practitioner per id (SPEC §4).
    public var externalUserId: String
    public var email: String?
    /// What the settings page shows, e.g. `Ada Lovelace (ada@example.com)`.
    public var label: String

    public init(externalUserId: String, email: String?, label: String) {
        self.externalUserId = externalUserId
        self.email = email
        self.label = label
    }
}
