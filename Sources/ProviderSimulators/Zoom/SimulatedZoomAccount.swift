import Foundation

/// The OAuth app registered with the simulated Zoom: its credentials, redirect URIs and granted scopes.
public struct SimulatedZoomClient: Sendable, Hashable {
    public var clientId: String
    public var clientSecret: String
    /// Redirect URIs the app may use; `redirect_uri` must equal one of them.
    public var redirectURIs: [String]
    public var scopes: [String]

    public init(clientId: String, clientSecret: String, redirectURIs: [String] = [], scopes: [String] = SimulatedZoomClient.slotlineScopes) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.scopes = scopes
    }

    /// The minimal scopes Slotline asks for (SPEC section 4).
    public static let slotlineScopes = ["meeting:write:meeting", "meeting:update:meeting", "meeting:delete:meeting", "user:read:user"]

    public static let standard = SimulatedZoomClient(clientId: "zoom-sim-client", clientSecret: "zoom-sim-secret")
}

/// A Zoom user who can authorize the app; `GET /v2/users/me` answers with these fields.
public struct SimulatedZoomUser: Sendable, Hashable {
    public var id: String
    public var email: String
    public var firstName: String
    public var lastName: String
    /// 1 basic, 2 licensed.
    public var type: Int
    /// Personal meeting ID.
    public var pmi: Int64
    public var timezone: String
    public var accountId: String

    public init(id: String, email: String, firstName: String, lastName: String, type: Int = 2, pmi: Int64, timezone: String = "UTC", accountId: String) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.type = type
        self.pmi = pmi
        self.timezone = timezone
        self.accountId = accountId
    }

    public var displayName: String { "\(firstName) \(lastName)" }

    /// Distinct, realistic users for tests: `numbered(1)`, `numbered(2)`, …
    public static func numbered(_ n: Int) -> SimulatedZoomUser {
        let names = [("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edsger", "Dijkstra"), ("Barbara", "Liskov")]
        let (first, last) = names[(n - 1 + names.count) % names.count]
        return SimulatedZoomUser(
            id: "zsimUser\(String(format: "%014ld", n))",
            email: "\(first.lowercased()).\(n)@zoom-sim.test",
            firstName: first,
            lastName: last,
            type: 2,
            pmi: 5_550_000_000 + Int64(n),
            timezone: "Europe/Berlin",
            accountId: "zsimAcct\(String(format: "%014ld", n))"
        )
    }
}
