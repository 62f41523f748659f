import HTTPTypes
import Hummingbird

/// The headers every answer carries so a browser runs only what Slotline serves: scripts and styles
/// from its own origin (no inline script), no framing of the back office, and no content sniffing.
/// The public booking pages may be framed by the studio's own site (the embed snippet).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = SlotlineContext

    static func policy(framedBy ancestors: String) -> String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; object-src 'none'; frame-ancestors \(ancestors)"
    }

    static let ownPages = policy(framedBy: "'none'")
    static let embeddablePages = policy(framedBy: "*")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let embeddable = request.uri.path.hasPrefix("/w/")
        response.headers[.contentSecurityPolicy] = embeddable ? Self.embeddablePages : Self.ownPages
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if !embeddable { response.headers[.xFrameOptions] = "DENY" }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
