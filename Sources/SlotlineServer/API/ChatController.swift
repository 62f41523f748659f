import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `POST /chat/{slug}/meet`: the `/meet` slash command of a Slack-compatible chat (Slack signs the
/// request, `v0` with a timestamp; Mattermost sends its token). Answers within the chat's 3 seconds;
/// the links follow as the provider makes the meeting.
struct ChatController {
    let store: Store
    let desk: Desk
    let settings: ServerSettings

    func addRoutes(to router: Router<SlotlineContext>) {
        router.post("chat/:slug/meet", use: meet)
    }

    @Sendable func meet(request: Request, context: SlotlineContext) async throws -> Response {
        let raw = try await RequestBody.data(of: request, context: context, mediaType: "application/x-www-form-urlencoded")
        try verify(request, raw: raw)
        guard let workspace = try await store.workspaces.find(slug: try context.parameters.require("slug")) else {
            throw SlotlineError.notFound("workspace")
        }
        let form = FormData(encoded: String(decoding: raw, as: UTF8.self))
        guard let team = form["team_id"], let user = form["user_id"] else { throw SlotlineError.missing("user_id") }
        let command = ChatCommand(caller: ChatUser(teamId: team, userId: user, userName: form["user_name"] ?? user),
                                  channelId: form["channel_id"] ?? "", channelName: form["channel_name"] ?? "", text: form["text"] ?? "",
                                  responseURL: form["response_url"].flatMap { $0.isEmpty ? nil : $0 })
        return try await desk.chatMeetings.meet(command, workspace: workspace).response(from: request, context: context)
    }

    /// A Slack signature over the raw body, or Mattermost's token; neither configured refuses every request.
    private func verify(_ request: Request, raw: Data) throws {
        if let token = settings.chatToken, let header = request.headers[.authorization], header.hasPrefix("Token ") {
            guard ConstantTime.equal(String(header.dropFirst(6)), token) else { throw SlotlineError(.invalidSignature, field: "authorization") }
            return
        }
        guard let secret = settings.chatSigningSecret else { throw SlotlineError(.invalidSignature, field: "x-slack-signature") }
        try SignedRequest.checkV0(request, raw: raw, secret: secret, timestampHeader: "x-slack-request-timestamp",
                                  signatureHeader: "x-slack-signature", now: store.time.now())
    }
}

extension ChatAnswer: ResponseEncodable {}
