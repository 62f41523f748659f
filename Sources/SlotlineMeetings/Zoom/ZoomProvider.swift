import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import SlotlineCore

/// Meetings on the host's own Zoom account through the REST API (PROVIDERS.md, Zoom).
public struct ZoomProvider: MeetingProvider {
    public static let defaultAPIURL = "https://api.zoom.us/v2"

    public var kind: ProviderKind { .zoom }
    private let apiURL: String
    private let http: ProviderHTTP

    /// `apiURL` is `SLOTLINE_ZOOM_API_URL`; `timeout` bounds each HTTP exchange.
    public init(apiURL: String = defaultAPIURL, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(15),
                time: TimeSource = .system, logger: Logger = Logger(label: "slotline.meetings.zoom")) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.http = ProviderHTTP(kind: .zoom, client: httpClient, timeout: timeout, time: time, logger: logger)
    }

    public func create(_ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        let body = try ZoomMeetingRules.body(for: request, creating: true)
        let response = try await call(.POST, Self.userPath(credentials) + "/meetings", body: body, credentials: credentials)
        return try decode(ZoomWire.Meeting.self, response).providerMeeting()
    }

    public func update(externalId: String, _ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        let body = try ZoomMeetingRules.body(for: request, creating: false)
        // PATCH answers 204 with no body: read the meeting back.
        _ = try await call(.PATCH, Self.meetingPath(externalId), body: body, credentials: credentials)
        return try await meeting(externalId: externalId, credentials: credentials)
    }

    public func delete(externalId: String, credentials: ProviderCredentials) async throws {
        do {
            _ = try await call(.DELETE, Self.meetingPath(externalId), credentials: credentials)
        } catch MeetingProviderError.notFound {
            // 404 code 3001: deleted already, or expired.
        }
    }

    public func end(externalId: String, credentials: ProviderCredentials) async throws {
        struct Status: Encodable { let action = "end" }
        _ = try await call(.PUT, Self.meetingPath(externalId) + "/status", body: Status(), credentials: credentials)
    }

    public func hostURL(externalId: String, credentials: ProviderCredentials) async throws -> String? {
        try await meeting(externalId: externalId, credentials: credentials).hostURL
    }

    /// The meeting as Zoom has it now.
    public func meeting(externalId: String, credentials: ProviderCredentials) async throws -> ProviderMeeting {
        let response = try await call(.GET, Self.meetingPath(externalId), credentials: credentials)
        return try decode(ZoomWire.Meeting.self, response).providerMeeting()
    }

    /// Pages through the host's upcoming meetings for the one whose agenda carries `marker`.
    public func find(marker: MeetingMarker, credentials: ProviderCredentials) async throws -> ProviderMeeting? {
        var pageToken: String?
        var pages = 0
        repeat {
            var query = [("type", "upcoming"), ("page_size", "300")]
            if let pageToken { query.append(("next_page_token", pageToken)) }
            let response = try await call(.GET, Self.userPath(credentials) + "/meetings?" + FormBody.encode(query), credentials: credentials)
            let list = try decode(ZoomWire.MeetingList.self, response)
            for listed in list.meetings ?? [] {
                // Lists may leave the agenda out; then the meeting itself says.
                if let agenda = listed.agenda, !marker.isCarried(by: agenda) { continue }
                let full = try await call(.GET, Self.meetingPath(String(listed.id)), credentials: credentials)
                let meeting = try decode(ZoomWire.Meeting.self, full)
                if marker.isCarried(by: meeting.agenda) { return try meeting.providerMeeting() }
            }
            pageToken = list.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while pageToken != nil && pages < 100
        return nil
    }

    public func account(credentials: ProviderCredentials) async throws -> ProviderAccount {
        let response = try await call(.GET, Self.userPath(credentials), credentials: credentials)
        return try decode(ZoomWire.User.self, response).account
    }

    /// The active users of the account a Server-to-Server token belongs to: the licensed users
    /// (type 2) that can become lines.
    public func licensedUsers(credentials: ProviderCredentials) async throws -> [ProviderAccount] {
        var users: [ProviderAccount] = []
        var pageToken: String?
        var pages = 0
        repeat {
            var query = [("status", "active"), ("page_size", "300")]
            if let pageToken { query.append(("next_page_token", pageToken)) }
            let list = try decode(ZoomWire.UserList.self, try await call(.GET, "/users?" + FormBody.encode(query), credentials: credentials))
            users += (list.users ?? []).filter { $0.type == 2 }.map(\.account)
            pageToken = list.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while pageToken != nil && pages < 100
        return users
    }

    /// `/users/me`, or the user an account-wide token acts for.
    static func userPath(_ credentials: ProviderCredentials) -> String {
        "/users/" + FormBody.escape(credentials.hostUserId ?? "me")
    }

    static func meetingPath(_ externalId: String) -> String {
        "/meetings/" + FormBody.escape(externalId)
    }

    /// One API call with the connection's access token. A 401 (Zoom: code 124, invalid or expired
    /// token) asks the token source for a fresh token once and tries again.
    private func call(_ method: HTTPMethod, _ path: String, body: (some Encodable)? = String?.none,
                      credentials: ProviderCredentials) async throws -> ProviderHTTP.Response {
        let tokens = try credentials.requireTokens()
        let payload = try body.map { try JSONEncoder().encode($0) }
        var headers = payload == nil ? [] : [("Content-Type", "application/json")]
        headers.append(("Authorization", ""))
        var token = try await tokens.accessToken()
        var rejected: String?
        while true {
            headers[headers.count - 1].1 = "Bearer \(token)"
            let redaction = Redaction([token, rejected])
            let response = try await http.send(method, apiURL + path, headers: headers, body: payload, redaction: redaction)
            if (200..<300).contains(response.status) { return response }
            if response.status == 401, rejected == nil {
                rejected = token
                token = try await tokens.freshAccessToken(replacing: token)
                continue
            }
            throw failure(of: response, redaction: redaction)
        }
    }

    /// What a refusal from the API means for the caller.
    private func failure(of response: ProviderHTTP.Response, redaction: Redaction) -> MeetingProviderError {
        let error = try? JSONDecoder().decode(ZoomWire.ErrorBody.self, from: response.body)
        switch (response.status, error?.code) {
        case (401, _): return .accessTokenRejected
        case (404, _): return .notFound
        case (429, _): return .rateLimited(retryAfter: response.retryAfter(now: http.time.now()))
        case (500..., _): return .transient("Zoom answered \(response.status)")
        case (_, 3002?): return .transient("the meeting is in progress")
        default:
            var detail = "Zoom answered \(response.status)"
            if let code = error?.code { detail += " code \(code)" }
            if let message = error?.message { detail += ": \(message.prefix(300))" }
            for field in error?.errors ?? [] {
                detail += "; \(field.field ?? "?"): \((field.message ?? "").prefix(200))"
            }
            return .invalidRequest(redaction.scrub(detail))
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ response: ProviderHTTP.Response) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            // The call itself went through (a create may have happened): treat as unknown outcome.
            throw MeetingProviderError.transient("Zoom answered \(response.status) with an unreadable body")
        }
    }
}
