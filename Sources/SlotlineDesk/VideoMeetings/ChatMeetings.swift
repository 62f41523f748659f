import Foundation
import SlotlineCore
import SlotlineStore

/// A chat's slash command, as the server received it and checked its signature.
public struct ChatCommand: Sendable, Equatable {
    public var caller: ChatUser
    public var channelId: String
    public var channelName: String
    public var text: String
    /// Where follow-up answers go (Slack's `response_url`); nil: only the immediate answer.
    public var responseURL: String?

    public init(caller: ChatUser, channelId: String, channelName: String, text: String, responseURL: String?) {
        self.caller = caller
        self.channelId = channelId
        self.channelName = channelName
        self.text = text
        self.responseURL = responseURL
    }
}

/// What the chat shows at once: to the caller only, or to the channel.
public struct ChatAnswer: Sendable, Equatable, Encodable {
    public enum Visibility: String, Sendable, Encodable {
        case ephemeral
        case inChannel = "in_channel"
    }

    public var responseType: Visibility
    public var text: String

    public init(_ visibility: Visibility, _ text: String) {
        responseType = visibility
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case responseType = "response_type"
        case text
    }
}

/// `/meet @alice @bob topic` from a chat: a quick meeting for the caller with the named colleagues.
/// The answer comes at once (the chat waits 3 seconds at most); the links follow through the
/// `chat.reply` job once the provider made the meeting: the participant link to the channel, the
/// host link to the caller alone. A caller not linked yet gets a one-time link to bind their chat
/// user to their Slotline account; colleagues not linked are named, not invited.
public struct ChatMeetings: Sendable {
    let store: Store
    let settings: ServerSettings
    let videoMeetings: VideoMeetingDesk

    static let linkLifetime: TimeInterval = 86_400

    public func meet(_ command: ChatCommand, workspace: Workspace) async throws -> ChatAnswer {
        let words = Words(workspace.defaultLanguage)
        guard let callerId = try await store.chatAccounts.staffId(of: command.caller, workspaceId: workspace.id),
              let caller = try await store.staff.find(id: callerId, workspaceId: workspace.id), caller.active else {
            let token = try await store.chatAccounts.createLink(for: command.caller, workspaceId: workspace.id,
                                                                expiresAt: store.time.now().addingTimeInterval(Self.linkLifetime))
            return ChatAnswer(.ephemeral, words["chat.link_first", with: ["link": settings.chatLinkURL(workspace: workspace.slug, token: token)]])
        }
        let parsed = SlashCommand(text: command.text)
        let linked = try await store.chatAccounts.linked(teamId: command.caller.teamId, workspaceId: workspace.id)
        var invited: [Participant] = []
        var unknown: [String] = []
        for mention in parsed.mentions {
            let staffId: String? = switch mention {
            case .id(let id): linked.byId[id]
            case .name(let name): linked.byName[name]
            }
            if let staffId, staffId != caller.id { invited.append(Participant(staffId: staffId)) }
            if staffId == nil { unknown.append(Self.label(mention)) }
        }
        let topic = parsed.topic.isEmpty ? words["chat.default_topic", with: ["name": caller.name]] : parsed.topic
        do {
            let meeting = try await videoMeetings.create(
                VideoMeetingDraft(title: topic, startsAt: store.time.now(), durationMinutes: VideoMeetingDraft.quickMinutes, hostStaffId: caller.id,
                                  participants: invited),
                source: .chat(channel: command.channelName.isEmpty ? command.channelId : "#" + command.channelName), by: caller)
            if let url = command.responseURL {
                for toChannel in [true, false] {
                    try await store.jobs.enqueue(ChatReply(videoMeetingId: meeting.id, workspaceId: workspace.id, responseURL: url, toChannel: toChannel),
                                                 workspaceId: workspace.id, subject: JobSubject.videoMeeting(meeting.id))
                }
            }
            var text = words["chat.starting", with: ["title": meeting.title]]
            if !unknown.isEmpty { text += "\n" + words["chat.not_linked", with: ["names": unknown.joined(separator: ", ")]] }
            return ChatAnswer(.ephemeral, text)
        } catch let error as SlotlineError where error.code != .internalError {
            return ChatAnswer(.ephemeral, ErrorMessages.message(for: error, in: workspace.defaultLanguage))
        }
    }

    /// How a mention reads back to the caller.
    static func label(_ mention: SlashCommand.Mention) -> String {
        switch mention {
        case .id(let id): "<@\(id)>"
        case .name(let name): "@\(name)"
        }
    }

    /// Binds the link's chat user to the signed-in staff member.
    public func link(token: String, staff: StaffUser) async throws -> ChatUser {
        guard let user = try await store.chatAccounts.useLink(token, staffId: staff.id, workspaceId: staff.workspaceId,
                                                              now: store.time.now()) else {
            throw SlotlineError.notFound("link")
        }
        return user
    }

    /// The chat user a link would bind, for the page that asks to confirm.
    public func pendingLink(token: String, workspaceId: String) async throws -> ChatUser {
        guard let user = try await store.chatAccounts.link(token, workspaceId: workspaceId, now: store.time.now()) else {
            throw SlotlineError.notFound("link")
        }
        return user
    }
}
