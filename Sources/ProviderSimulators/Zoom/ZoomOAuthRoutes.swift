import Foundation
import Hummingbird

/// The web host (`https://zoom.us` in production): OAuth authorize, token and revoke, and the meeting links.
struct ZoomOAuthRoutes: Sendable {
    let state: ZoomSimulatorState
    var gate: ZoomFaultGate { ZoomFaultGate(state: state) }

    func addRoutes(to router: Router<ZoomRequestContext>) {
        router.get("oauth/authorize", use: authorize)
        router.post("oauth/token", use: token)
        router.post("oauth/revoke", use: revoke)
        router.get("j/:meetingId", use: meetingPage)
        router.get("s/:meetingId", use: meetingPage)
    }

    /// Consents for the chosen user and redirects back with `code` and `state`: at once, or after the
    /// consent page's "Allow" when the simulator asks for consent.
    @Sendable func authorize(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await gate.run(.authorize, context: context) {
            let query = ZoomForm.decode(request.uri.query ?? "")
            if await state.asksConsent, query["consent"] != "allow" { return Self.consentPage(query: request.uri.query ?? "") }
            let location = try await state.authorize(ZoomAuthorizeRequest(
                responseType: query["response_type"], clientId: query["client_id"], redirectURI: query["redirect_uri"],
                state: query["state"], codeChallenge: query["code_challenge"], codeChallengeMethod: query["code_challenge_method"]
            ))
            return Response(status: .found, headers: [.location: location])
        }
    }

    @Sendable func token(request: Request, context: ZoomRequestContext) async throws -> Response {
        var request = request
        let form = ZoomForm.decode(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let credentials = ZoomForm.basicCredentials(request.headers[.authorization])
        return try await gate.run(.token, context: context) {
            let tokens: ZoomTokenResponse
            switch form["grant_type"] ?? ZoomForm.decode(request.uri.query ?? "")["grant_type"] {
            case "authorization_code":
                tokens = try await state.exchangeCode(
                    clientCredentials: credentials, code: form["code"], redirectURI: form["redirect_uri"], codeVerifier: form["code_verifier"]
                )
            case "refresh_token":
                tokens = try await state.refresh(clientCredentials: credentials, refreshToken: form["refresh_token"])
            case "account_credentials":
                // Server-to-Server apps send the grant and the account in the query string.
                let query = ZoomForm.decode(request.uri.query ?? "")
                tokens = try await state.accountToken(clientCredentials: credentials, accountId: query["account_id"] ?? form["account_id"])
            default:
                throw ZoomSimulatorError.oauth("unsupported_grant_type", "Unsupported grant type")
            }
            return ZoomJSON.response(tokens, status: .ok, headers: [.cacheControl: "no-store"])
        }
    }

    @Sendable func revoke(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await gate.run(.revoke, context: context) {
            let query = ZoomForm.decode(request.uri.query ?? "")
            try await state.revoke(clientCredentials: ZoomForm.basicCredentials(request.headers[.authorization]), token: query["token"])
            return ZoomJSON.response(["status": "success"], status: .ok)
        }
    }

    /// "Allow this app to …?": the button repeats the request with `consent=allow`.
    static func consentPage(query: String) -> Response {
        let fields = ZoomForm.decode(query).sorted { $0.key < $1.key }.map { name, value in
            "<input type=\"hidden\" name=\"\(attribute(name))\" value=\"\(attribute(value))\">"
        }.joined()
        let page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zoom (simulated) authorization</title></head>
            <body><main><h1>Allow this app to use your Zoom account?</h1>
            <p>It will create, update and delete meetings and read your basic profile.</p>
            <form method="get" action="/oauth/authorize">\(fields)<input type="hidden" name="consent" value="allow">
            <button type="submit">Allow</button></form></main></body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    private static func attribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A stand-in for the join and start pages, so links in messages open something on this machine.
    @Sendable func meetingPage(request: Request, context: ZoomRequestContext) async throws -> Response {
        let id = context.parameters.get("meetingId") ?? ""
        guard let number = Int64(id), let meeting = await state.meetings[number] else {
            throw ZoomSimulatorError.page(.notFound, "This meeting ID is not valid.")
        }
        let page = "Simulated Zoom meeting \(meeting.id): \(meeting.topic)"
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
