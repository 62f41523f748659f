import SlotlineCore
/// Zoom's OAuth 2.0 app settings (PROVIDERS.md, Zoom).
public enum ZoomOAuth {
    /// The granular scopes Slotline asks for, and no more (SPEC §4).
    public static let scopes = ["meeting:write:meeting", "meeting:update:meeting", "meeting:delete:meeting", "user:read:user"]

    public static let defaultBaseURL = "https://zoom.us"

    /// `baseURL` is `SLOTLINE_ZOOM_OAUTH_URL`: the base of `/oauth/authorize`, `/oauth/token` and `/oauth/revoke`.
    public static func configuration(clientId: String, clientSecret: String, baseURL: String = defaultBaseURL) -> OAuthConfiguration {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return OAuthConfiguration(
            provider: .zoom, authorizeURL: base + "/oauth/authorize", tokenURL: base + "/oauth/token",
            revokeURL: base + "/oauth/revoke", clientId: clientId, clientSecret: clientSecret, scopes: scopes,
            scopesInAuthorizeURL: false, clientAuthentication: .basic, revokeStyle: .query)
    }
}
