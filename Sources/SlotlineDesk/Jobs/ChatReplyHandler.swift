import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import SlotlineCore
import SlotlineStore

/// Posts one of a chat meeting's links once the provider made it, through the command's
/// `response_url`: the participant link to the channel, or the host link to the caller alone.
struct ChatReplyHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings
    let client: HTTPClient

    struct LinkNotReady: JobWait, CustomStringConvertible {
        var description: String { "the chat meeting's link is not made yet" }
    }

    func run(_ payload: ChatReply, job: Job) async throws {
        guard let meeting = try await store.videoMeetings.find(id: payload.videoMeetingId, workspaceId: payload.workspaceId),
              let workspace = try await store.workspaces.find(id: payload.workspaceId),
              [.notStarted, .inProgress].contains(meeting.state(at: store.time.now())) else { return }
        guard let provided = try await store.meetings.live(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId),
              let join = provided.joinURL else {
            if try await store.meetings.live(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId)?.state == .failed {
                throw JobError.permanent("the provider could not make the meeting")
            }
            throw LinkNotReady()
        }
        let words = Words(workspace.defaultLanguage)
        let host = try await store.staff.find(id: meeting.hostStaffId, workspaceId: workspace.id)
        let values = ["title": meeting.title, "name": host?.name ?? "", "link": join, "number": provided.meetingNumber ?? "",
                      "passcode": provided.passcode ?? ""]
        if payload.toChannel {
            try await post(ChatAnswer(.inChannel, words["chat.channel", with: values]), to: payload.responseURL)
        } else {
            let hostURL = try await store.meetings.sealedHostURL(meetingId: provided.id).flatMap { try? settings.vault.open($0) } ?? join
            try await post(ChatAnswer(.ephemeral, words["chat.host", with: values.merging(["link": hostURL]) { $1 }]), to: payload.responseURL)
        }
    }

    private func post(_ answer: ChatAnswer, to url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(answer)))
        let response = try await client.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else { throw ChatPostFailed(status: Int(response.status.code)) }
    }

    struct ChatPostFailed: Error, CustomStringConvertible {
        let status: Int
        var description: String { "the chat answered \(status)" }
    }
}
