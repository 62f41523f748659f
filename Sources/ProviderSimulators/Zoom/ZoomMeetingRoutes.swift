import Foundation
import Hummingbird

/// The REST host (`https://api.zoom.us/v2` in production): the signed-in user and their meetings.
struct ZoomMeetingRoutes: Sendable {
    let state: ZoomSimulatorState
    var gate: ZoomFaultGate { ZoomFaultGate(state: state) }

    func addRoutes(to router: Router<ZoomRequestContext>) {
        let v2 = router.group("v2")
        v2.get("users", use: listUsers)
        v2.get("users/:userId", use: getUser)
        v2.post("users/:userId/meetings", use: createMeeting)
        v2.get("users/:userId/meetings", use: listMeetings)
        v2.get("meetings/:meetingId", use: getMeeting)
        v2.patch("meetings/:meetingId", use: updateMeeting)
        v2.delete("meetings/:meetingId", use: deleteMeeting)
        v2.put("meetings/:meetingId/status", use: updateMeetingStatus)
    }

    @Sendable func getUser(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await authorized(.getUser, request, context) { user in
            try requireSelf(user, context)
            return ZoomJSON.response(UserBody(user, webBaseURL: await state.webBaseURL), status: .ok)
        }
    }

    /// `GET /users?status=active&page_size=300`: the account's users (Server-to-Server tokens).
    @Sendable func listUsers(request: Request, context: ZoomRequestContext) async throws -> Response {
        let token = ZoomForm.bearerToken(request.headers[.authorization])
        return try await gate.run(.getUser, context: context, accessToken: token) {
            let status = ZoomForm.decode(request.uri.query ?? "")["status"] ?? "active"
            let webBaseURL = await state.webBaseURL
            let users = status == "active" ? try await state.accountUsers(accessToken: token).map { UserBody($0, webBaseURL: webBaseURL) } : []
            return ZoomJSON.response(UserPage(page_size: 300, total_records: users.count, next_page_token: "", users: users), status: .ok)
        }
    }

    private struct UserPage: Encodable {
        let page_size: Int
        let total_records: Int
        let next_page_token: String
        let users: [UserBody]
    }

    @Sendable func createMeeting(request: Request, context: ZoomRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1024 * 1024)
        return try await authorized(.createMeeting, request, context) { user in
            try requireSelf(user, context)
            let meeting = try await state.createMeeting(for: user, try Self.decodeInput(body))
            return ZoomJSON.response(meeting, status: .created)
        }
    }

    @Sendable func listMeetings(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await authorized(.listMeetings, request, context) { user in
            try requireSelf(user, context)
            let query = ZoomForm.decode(request.uri.query ?? "")
            let page = try await state.listMeetings(
                for: user, type: query["type"], pageSize: query["page_size"], nextPageToken: query["next_page_token"]
            )
            return ZoomJSON.response(page, status: .ok)
        }
    }

    @Sendable func getMeeting(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await authorized(.getMeeting, request, context) { user in
            ZoomJSON.response(try await state.meeting(meetingId(context), for: user), status: .ok)
        }
    }

    @Sendable func updateMeeting(request: Request, context: ZoomRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1024 * 1024)
        return try await authorized(.updateMeeting, request, context) { user in
            try await state.updateMeeting(meetingId(context), for: user, try Self.decodeInput(body))
            return ZoomJSON.noContent()
        }
    }

    @Sendable func deleteMeeting(request: Request, context: ZoomRequestContext) async throws -> Response {
        try await authorized(.deleteMeeting, request, context) { user in
            try await state.deleteMeeting(meetingId(context), for: user)
            return ZoomJSON.noContent()
        }
    }

    @Sendable func updateMeetingStatus(request: Request, context: ZoomRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        return try await authorized(.updateMeetingStatus, request, context) { user in
            let action = try? JSONDecoder().decode(StatusBody.self, from: Data(body.readableBytesView)).action
            try await state.updateMeetingStatus(meetingId(context), for: user, action: action)
            return ZoomJSON.noContent()
        }
    }

    /// Faults first, then the bearer token, then the operation for the token's user.
    private func authorized(
        _ operation: ZoomSimulatorOperation,
        _ request: Request,
        _ context: ZoomRequestContext,
        _ body: (SimulatedZoomUser) async throws -> Response
    ) async throws -> Response {
        let token = ZoomForm.bearerToken(request.headers[.authorization])
        return try await gate.run(operation, context: context, accessToken: token) {
            try await body(try await state.principal(accessToken: token, userId: context.parameters.get("userId"),
                                                     meetingId: context.parameters.get("meetingId")))
        }
    }

    /// `users/{userId}` answers for `me` or the token's own user id only.
    private func requireSelf(_ user: SimulatedZoomUser, _ context: ZoomRequestContext) throws {
        let userId = context.parameters.get("userId") ?? ""
        guard userId == "me" || userId == user.id || userId == user.email else { throw ZoomSimulatorError.userNotFound(userId) }
    }

    private func meetingId(_ context: ZoomRequestContext) -> String {
        context.parameters.get("meetingId") ?? ""
    }

    /// A body that is not JSON, or has a field of the wrong type, fails validation like Zoom's does.
    static func decodeInput(_ body: ByteBuffer) throws -> ZoomMeetingInput {
        do {
            return try JSONDecoder().decode(ZoomMeetingInput.self, from: Data(body.readableBytesView))
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw ZoomSimulatorError.validation([.init(field: context.codingPath.map(\.stringValue).joined(separator: "."), message: "Invalid field.")])
        } catch {
            throw ZoomSimulatorError.api(.badRequest, 300, "Request Body should be a valid JSON object.")
        }
    }

    private struct StatusBody: Decodable {
        let action: String?
    }

    private struct UserBody: Encodable {
        let id, first_name, last_name, display_name, email, timezone, account_id, personal_meeting_url, status: String
        let type: Int
        let pmi: Int64

        init(_ user: SimulatedZoomUser, webBaseURL: String) {
            id = user.id
            first_name = user.firstName
            last_name = user.lastName
            display_name = user.displayName
            email = user.email
            timezone = user.timezone
            account_id = user.accountId
            personal_meeting_url = "\(webBaseURL)/j/\(user.pmi)"
            status = "active"
            type = user.type
            pmi = user.pmi
        }
    }
}
