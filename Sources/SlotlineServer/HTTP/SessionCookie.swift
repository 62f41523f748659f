import Hummingbird
import SlotlineDesk

/// The staff session cookie, the same for the API's sign-in and the back office's: `HttpOnly`,
/// `SameSite=Lax`, and `Secure` when the public URL is https.
struct SessionCookie: Sendable {
    static let name = "slotline_session"
    let secure: Bool

    init(settings: ServerSettings) { secure = settings.publicURL.lowercased().hasPrefix("https://") }

    func set(_ token: String, on response: inout Response) {
        response.setCookie(Cookie(name: Self.name, value: token, maxAge: Int(StaffAccess.sessionLifetime), path: "/",
                                  secure: secure, httpOnly: true, sameSite: .lax))
    }

    func clear(on response: inout Response) {
        response.setCookie(Cookie(name: Self.name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
    }

    static func token(of request: Request) -> String? { request.cookies[name]?.value }
}
