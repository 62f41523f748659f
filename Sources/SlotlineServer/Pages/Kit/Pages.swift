import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk

/// Renders the pages: the templates and assets, the form tokens, and what every page answer carries
/// (its language, no caching, the language cookie when the switcher was used).
struct Pages: Sendable {
    static let languageCookie = "slotline_lang"
    let templates: PageTemplates
    let assets: PageAssets
    let tokens: FormToken
    /// Cookies are `Secure` when the public URL is https.
    let secureCookies: Bool

    init(settings: ServerSettings) throws {
        templates = try PageTemplates.bundled()
        assets = try PageAssets.bundled()
        tokens = FormToken(serverKey: settings.key)
        secureCookies = settings.publicURL.lowercased().hasPrefix("https://")
    }

    /// `template` around `view` in the layout. `view` is what the page's template reads under `view`.
    func render(_ template: String, view: Any, frame: PageFrame, request: Request,
                status: HTTPResponse.Status = .ok) -> Response {
        let document: [String: Any] = ["frame": frame, "view": MustacheTree.make(view) ?? [:],
                                       "assets": ["css": assets.stylesheet, "js": assets.script]]
        let html = templates.render(document, template: template, language: frame.language)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .contentLanguage: frame.language.rawValue,
                                                          .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        if let chosen = request.uri.queryParameters.get("lang"), Language(rawValue: chosen) != nil {
            response.setCookie(cookie(Self.languageCookie, value: chosen, maxAge: 365 * 86_400))
        }
        return response
    }

    /// The language a page speaks: the switcher's choice (`?lang=`, then its cookie), else
    /// `preferred` (the customer's own, on their booking's pages), else `Accept-Language`, else `fallback`.
    static func language(of request: Request, preferred: Language? = nil, fallback: Language = .en) -> Language {
        if let chosen = request.uri.queryParameters.get("lang").flatMap({ Language(rawValue: String($0)) }) { return chosen }
        if let chosen = request.cookies[languageCookie].flatMap({ Language(rawValue: $0.value) }) { return chosen }
        if let preferred { return preferred }
        return Language.negotiate(request.headers[.acceptLanguage], fallback: fallback)
    }

    /// The request's path and query without `lang`, for the language links.
    static func path(of request: Request) -> String {
        var components = URLComponents()
        components.path = request.uri.path
        let items = request.uri.queryParameters.filter { $0.key != "lang" }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        if !items.isEmpty { components.queryItems = items }
        return components.string ?? request.uri.path
    }

    /// `a=1&b=x%2By`, keys sorted: the query of every link a page builds.
    static func query(_ items: [String: String]) -> String {
        items.sorted { $0.key < $1.key }.map { "\($0.key)=\(query($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes all but RFC 3986's unreserved characters and `/`, byte by byte of the UTF-8:
    /// a page builds a link for every day and time it shows, and Foundation's encoder costs more.
    static func query(_ value: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), percentDigits[Int(byte >> 4)], percentDigits[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let percentDigits = Array("0123456789ABCDEF".utf8)

    /// After a form: see the result with a GET (post, redirect, get).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    func cookie(_ name: String, value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }
}
