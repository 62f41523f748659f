import SlotlineCore
/// One provider's OAuth 2.0 endpoints and app credentials. Printing it never shows the secret.
public struct OAuthConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// How the app proves itself at the token endpoint.
    public enum ClientAuthentication: Sendable {
        /// `Authorization: Basic base64(client_id:client_secret)` (Zoom).
        case basic
        /// `client_id` and `client_secret` in the form body (Microsoft, Webex, Google).
        case formBody
    }

    /// Where a revoke puts the token.
    public enum RevokeStyle: Sendable {
        /// `POST revokeURL?token=…` (Zoom).
        case query
        /// `POST revokeURL` with form body `token=…` (Google, RFC 7009).
        case formBody
    }

    public var provider: ProviderKind
    public var authorizeURL: String
    public var tokenURL: String
    /// Nil when the provider offers no revocation: disconnecting then only forgets the tokens.
    public var revokeURL: String?
    public var clientId: String
    public var clientSecret: String
    public var scopes: [String]
    /// Zoom takes the scopes from the app's settings; the others want them in the authorize URL.
    public var scopesInAuthorizeURL: Bool
    public var clientAuthentication: ClientAuthentication
    public var revokeStyle: RevokeStyle
    /// Added to the authorize URL, e.g. Google's `access_type=offline` and `prompt=consent`.
    public var extraAuthorizeParameters: [(name: String, value: String)]

    public init(provider: ProviderKind, authorizeURL: String, tokenURL: String, revokeURL: String?,
                clientId: String, clientSecret: String, scopes: [String], scopesInAuthorizeURL: Bool = true,
                clientAuthentication: ClientAuthentication, revokeStyle: RevokeStyle = .formBody,
                extraAuthorizeParameters: [(name: String, value: String)] = []) {
        self.provider = provider
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.revokeURL = revokeURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.scopesInAuthorizeURL = scopesInAuthorizeURL
        self.clientAuthentication = clientAuthentication
        self.revokeStyle = revokeStyle
        self.extraAuthorizeParameters = extraAuthorizeParameters
    }

    public var description: String {
        "OAuthConfiguration(provider: \(provider), tokenURL: \(tokenURL), clientId: \(clientId), scopes: \(scopes.joined(separator: " ")))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["provider": provider, "tokenURL": tokenURL, "clientId": clientId, "scopes": scopes])
    }
}
