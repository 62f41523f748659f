import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/video-meetings`: staff's own video meetings on the pool (quick, scheduled, joined by
/// number), and what they do with them.
struct VideoMeetingController {
    let store: Store
    let desk: Desk

    struct Invitation: Decodable {
        let participants: [VideoMeetingInput.ParticipantInput]?
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("video-meetings", use: list)
        group.post("video-meetings", use: create)
        group.get("video-meetings/join/:number", use: join)
        group.get("video-meetings/:id", use: get)
        group.patch("video-meetings/:id", use: edit)
        group.post("video-meetings/:id/invite", use: invite)
        group.post("video-meetings/:id/cancel", use: cancel)
        group.post("video-meetings/:id/end", use: end)
    }

    /// `?view=recent` (default: not started or in progress within a month) or `all` (`?state=`),
    /// the caller's own unless an admin asks for `everyone=true`.
    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<VideoMeetingView> {
        let user = try context.requireStaff()
        let query = request.uri.queryParameters
        guard let view = VideoMeetings.View(rawValue: query.get("view") ?? "recent") else {
            throw SlotlineError.invalid("view", "recent or all")
        }
        let state = try query.get("state").map { text in
            guard let state = VideoMeeting.State(rawValue: text) else {
                throw SlotlineError.invalid("state", VideoMeeting.State.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return state
        }
        let limit = try FieldInput.integer(query.get("limit"), field: "limit", range: 1...200, default: 50)
        let offset = try FieldInput.integer(query.get("offset"), field: "offset", range: 0...1_000_000, default: 0)
        let meetings = try await desk.videoMeetings.list(viewer: user, everyone: query.get("everyone") == "true", view: view, state: state,
                                                         limit: limit, offset: offset)
        let context = try await presenter.context(request, user: user)
        return ListView(items: try await desk.videoMeetings.details(of: meetings, viewer: user).map { presenter.view($0, context) })
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<VideoMeetingView> {
        let user = try context.requireStaff()
        let input = try await RequestBody.decode(VideoMeetingInput.self, from: request, context: context)
        let (draft, source) = try input.newDraft(by: user, now: store.time.now())
        let meeting = try await desk.videoMeetings.create(draft, source: source, by: user)
        return EditedResponse(status: .created, response: try await presenter.view(meeting.id, request: request, user: user))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        try await presenter.view(try context.parameters.require(), request: request, user: try context.requireStaff())
    }

    /// The meeting a number belongs to, with its participant link: how staff join one they were told of.
    @Sendable func join(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        let user = try context.requireStaff()
        let details = try await desk.videoMeetings.join(number: try context.parameters.require("number"), viewer: user)
        return presenter.view(details, try await presenter.context(request, user: user))
    }

    @Sendable func edit(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        let user = try context.requireStaff()
        let id: String = try context.parameters.require()
        let input = try await RequestBody.decode(VideoMeetingInput.self, from: request, context: context)
        let draft = try input.edited(try await desk.videoMeetings.find(id: id, viewer: user))
        _ = try await desk.videoMeetings.edit(id: id, draft, by: user)
        return try await presenter.view(id, request: request, user: user)
    }

    @Sendable func invite(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        let user = try context.requireStaff()
        let id: String = try context.parameters.require()
        let input = try await RequestBody.decode(Invitation.self, from: request, context: context)
        let people = try VideoMeetingInput.people(input.participants)
        guard !people.isEmpty else { throw SlotlineError.missing("participants") }
        _ = try await desk.videoMeetings.invite(id: id, people, by: user)
        return try await presenter.view(id, request: request, user: user)
    }

    @Sendable func cancel(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        let user = try context.requireStaff()
        let meeting = try await desk.videoMeetings.cancel(id: try context.parameters.require(), by: user)
        return try await presenter.view(meeting.id, request: request, user: user)
    }

    @Sendable func end(request: Request, context: SlotlineContext) async throws -> VideoMeetingView {
        let user = try context.requireStaff()
        let meeting = try await desk.videoMeetings.end(id: try context.parameters.require(), by: user)
        return try await presenter.view(meeting.id, request: request, user: user)
    }

    private var presenter: VideoMeetingPresenter { VideoMeetingPresenter(store: store, desk: desk) }
}
