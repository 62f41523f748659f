import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// One bad request and the error it must get. Paths are built from the studio, whose ids are random.
struct BadRequest: Sendable, CustomTestStringConvertible {
    let name: String
    var method: HTTPRequest.Method = .post
    var staff = false
    let path: @Sendable (TestApp) -> String
    var body: @Sendable (TestApp) -> String? = { _ in nil }
    let status: HTTPResponse.Status
    let code: String
    var field: String?

    var testDescription: String { name }

    static func booking(_ app: TestApp, startsAt: String? = nil, customerZone: String = "Europe/London",
                        serviceId: String? = nil) -> String {
        let start = startsAt ?? rfc3339(app.opening())
        let service = serviceId.map { "\"serviceId\": \"\($0)\", " } ?? ""
        return """
            {\(service)"startsAt": "\(start)", "customer": {"name": "Grace", "email": "grace@example.com", "timeZone": "\(customerZone)"}}
            """
    }

    static let all: [BadRequest] = [
        BadRequest(name: "malformed JSON", path: { "\($0.publicPath)/bookings" }, body: { _ in "{\"serviceId\": " },
                   status: .badRequest, code: "invalid_json"),
        BadRequest(name: "an array instead of an object", path: { "\($0.publicPath)/bookings" }, body: { _ in "[]" },
                   status: .badRequest, code: "invalid_parameter", field: "body"),
        BadRequest(name: "null body", path: { "\($0.publicPath)/bookings" }, body: { _ in "null" },
                   status: .badRequest, code: "missing_parameter", field: "body"),
        BadRequest(name: "missing serviceId", path: { "\($0.publicPath)/bookings" }, body: { booking($0) },
                   status: .badRequest, code: "missing_parameter", field: "serviceId"),
        BadRequest(name: "missing login password", path: { _ in "/api/v1/auth/login" },
                   body: { _ in #"{"workspace": "studio", "email": "ada@example.com"}"# },
                   status: .badRequest, code: "missing_parameter", field: "password"),
        BadRequest(name: "unknown customer time zone", path: { "\($0.publicPath)/bookings" },
                   body: { booking($0, customerZone: "Mars/Olympus_Mons", serviceId: $0.studio.instant.id) },
                   status: .badRequest, code: "invalid_time_zone", field: "customer.timeZone"),
        BadRequest(name: "unknown slots time zone", method: .get,
                   path: { "\($0.publicPath)/services/\($0.studio.instant.id)/slots?timeZone=Mars/Olympus_Mons" },
                   status: .badRequest, code: "invalid_time_zone", field: "timeZone"),
        BadRequest(name: "unknown practitioner time zone", staff: true, path: { _ in "/api/v1/practitioners" },
                   body: { _ in #"{"name": "Kim", "timeZone": "Mars/Olympus_Mons"}"# },
                   status: .badRequest, code: "invalid_time_zone", field: "timeZone"),
        BadRequest(name: "startsAt not RFC 3339", path: { "\($0.publicPath)/bookings" },
                   body: { booking($0, startsAt: "next tuesday 9am", serviceId: $0.studio.instant.id) },
                   status: .badRequest, code: "invalid_parameter", field: "startsAt"),
        BadRequest(name: "startsAt without offset", path: { "\($0.publicPath)/bookings" },
                   body: { booking($0, startsAt: "2031-03-04T09:00:00", serviceId: $0.studio.instant.id) },
                   status: .badRequest, code: "invalid_parameter", field: "startsAt"),
        BadRequest(name: "slots from not RFC 3339", method: .get,
                   path: { "\($0.publicPath)/services/\($0.studio.instant.id)/slots?from=yesterday" },
                   status: .badRequest, code: "invalid_parameter", field: "from"),
        BadRequest(name: "number given as text", staff: true, path: { _ in "/api/v1/services" },
                   body: { _ in #"{"name": "Chat", "durationMinutes": "sixty"}"# },
                   status: .badRequest, code: "invalid_parameter", field: "durationMinutes"),
        BadRequest(name: "unknown tab", method: .get, staff: true, path: { _ in "/api/v1/bookings?tab=someday" },
                   status: .badRequest, code: "invalid_parameter", field: "tab"),
        BadRequest(name: "body over 64 KiB", path: { "\($0.publicPath)/bookings" },
                   body: { _ in #"{"notes": ""# + String(repeating: "x", count: 70 * 1024) + #""}"# },
                   status: .contentTooLarge, code: "payload_too_large"),
        BadRequest(name: "unknown booking", method: .get, staff: true, path: { _ in "/api/v1/bookings/nope" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "decision on unknown booking", staff: true, path: { _ in "/api/v1/bookings/nope/accept" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown practitioner", method: .get, staff: true, path: { _ in "/api/v1/practitioners/nope" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown service", method: .get, staff: true, path: { _ in "/api/v1/services/nope" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown public service", method: .get, path: { "\($0.publicPath)/services/nope/slots" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "booking an unknown service", path: { "\($0.publicPath)/bookings" },
                   body: { booking($0, serviceId: "nope") }, status: .notFound, code: "not_found"),
        BadRequest(name: "unknown workspace", method: .get, path: { _ in "/api/v1/public/no-such-studio/services" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown manage token", method: .get, path: { _ in "/api/v1/manage/mt_nope" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown API route", method: .get, path: { _ in "/api/v1/nowhere" },
                   status: .notFound, code: "not_found"),
        BadRequest(name: "unknown route", method: .get, path: { _ in "/nowhere" }, status: .notFound, code: "not_found"),
    ]
}

@Suite("Error answers")
struct ErrorResponseTests {
    @Test("bad input gets its status and {error: {code, message, field}}, never a 500", arguments: BadRequest.all)
    func badRequest(_ bad: BadRequest) async throws {
        try await TestApp.run(.sqlite) { app in
            let caller = bad.staff ? app.owner : app.visitor

            let response = try await caller.send(bad.method, bad.path(app), raw: bad.body(app))

            #expect(response.status == bad.status, "\(response.text)")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.json.keys == ["error"])
            #expect(response.json["error"].keys.isSuperset(of: ["code", "message"]))
            #expect(response.errorCode == bad.code)
            #expect(response.errorMessage?.isEmpty == false)
            if let field = bad.field { #expect(response.errorField == field) }
        }
    }

    @Test("a body just under 64 KiB is still read")
    func bodyUnderLimit() async throws {
        try await TestApp.run(.sqlite) { app in
            let booking = BadRequest.booking(app, serviceId: app.studio.instant.id)
            let padded = booking + String(repeating: " ", count: 60 * 1024)

            let response = try await app.visitor.send(.post, "\(app.publicPath)/bookings", raw: padded)

            #expect(response.status == .created, "\(response.text)")
        }
    }

    @Test("the message follows Accept-Language", arguments: [
        ("zh-Hans", "zh-Hans", "无效的输入参数"),
        ("zh-CN,zh;q=0.9", "zh-Hans", "无效的输入参数"),
        ("zh-TW", "zh-Hant", "無效的輸入參數"),
        ("zh-Hant-HK", "zh-Hant", "無效的輸入參數"),
        ("en-GB", "en", "Invalid input parameter"),
        ("fr-FR", "en", "Invalid input parameter"),
    ])
    func localized(_ acceptLanguage: String, _ language: String, _ prefix: String) async throws {
        try await TestApp.run(.sqlite) { app in
            let body = BadRequest.booking(app, startsAt: "soon", serviceId: app.studio.instant.id)

            let response = try await app.visitor.with(.acceptLanguage, acceptLanguage)
                .send(.post, "\(app.publicPath)/bookings", raw: body)

            #expect(response.errorCode == "invalid_parameter")
            #expect(response.errorMessage?.hasPrefix(prefix) == true, "\(response.errorMessage ?? response.text)")
            #expect(response.errorMessage?.contains("startsAt") == true)
            #expect(response.headers[.contentLanguage] == language)
        }
    }
}
