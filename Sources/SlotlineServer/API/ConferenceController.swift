import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/conferences`: conference cards, and launching a video meeting from one.
struct ConferenceController {
    let store: Store
    let desk: Desk

    struct Input: Decodable {
        let topic: String?
        let startsAt: String?
        let durationMinutes: Int?
        let place: String?
        let convenerStaffId: String?
        let contactStaffId: String?
        let attendees: [VideoMeetingInput.ParticipantInput]?
    }

    struct ConferenceView: ResponseEncodable {
        let id: String
        let topic: String
        let startsAt: String
        let endsAt: String
        let place: String
        let creator: VideoMeetingView.Person
        let convener: VideoMeetingView.Person
        let contact: VideoMeetingView.Person
        let attendees: [VideoMeetingView.Person]
        /// Whether the viewer may launch a video meeting from the card.
        let canLaunch: Bool
        /// The video meetings launched from it, newest first.
        let videoMeetingIds: [String]
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("conferences", use: list)
        group.post("conferences", use: create)
        group.get("conferences/:id", use: get)
        group.post("conferences/:id/video-meeting", use: launch)
    }

    /// `?view=upcoming` (default: not over yet, soonest first) or `all` (newest first).
    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<ConferenceView> {
        let user = try context.requireStaff()
        let query = request.uri.queryParameters
        let upcoming: Bool
        switch query.get("view") ?? "upcoming" {
        case "upcoming": upcoming = true
        case "all": upcoming = false
        default: throw SlotlineError.invalid("view", "upcoming or all")
        }
        let limit = try FieldInput.integer(query.get("limit"), field: "limit", range: 1...200, default: 50)
        let offset = try FieldInput.integer(query.get("offset"), field: "offset", range: 0...1_000_000, default: 0)
        let conferences = try await desk.conferences.list(viewer: user, upcoming: upcoming, limit: limit, offset: offset)
        let context = try await VideoMeetingPresenter(store: store, desk: desk).context(request, user: user)
        var views: [ConferenceView] = []
        for conference in conferences { views.append(try await view(conference, user: user, context: context)) }
        return ListView(items: views)
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<ConferenceView> {
        let user = try context.requireStaff()
        let input = try await RequestBody.decode(Input.self, from: request, context: context)
        guard let minutes = input.durationMinutes else { throw SlotlineError.missing("duration") }
        let attendees = try VideoMeetingInput.people(input.attendees)
        let draft = ConferenceDraft(topic: input.topic ?? "", startsAt: try FieldInput.time(input.startsAt, field: "startsAt"),
                                    durationMinutes: minutes, place: input.place ?? "", convenerStaffId: input.convenerStaffId ?? user.id,
                                    contactStaffId: input.contactStaffId ?? user.id, attendees: attendees)
        let conference = try await desk.conferences.create(draft, by: user)
        let presented = try await VideoMeetingPresenter(store: store, desk: desk).context(request, user: user)
        return EditedResponse(status: .created, response: try await view(conference, user: user, context: presented))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> ConferenceView {
        let user = try context.requireStaff()
        let conference = try await desk.conferences.find(id: try context.parameters.require(), viewer: user)
        return try await view(conference, user: user, context: try await VideoMeetingPresenter(store: store, desk: desk).context(request, user: user))
    }

    /// A video meeting for the card, by its creator, convener or contact.
    @Sendable func launch(request: Request, context: SlotlineContext) async throws -> EditedResponse<VideoMeetingView> {
        let user = try context.requireStaff()
        let meeting = try await desk.conferences.launchVideoMeeting(conferenceId: try context.parameters.require(), by: user)
        return EditedResponse(status: .created, response: try await VideoMeetingPresenter(store: store, desk: desk).view(meeting.id, request: request, user: user))
    }

    private func view(_ conference: Conference, user: StaffUser, context: VideoMeetingPresenter.Context) async throws -> ConferenceView {
        func person(_ participant: Participant) -> VideoMeetingView.Person {
            VideoMeetingView.Person(staffId: participant.staffId, email: participant.email, name: participant.staffId.flatMap { context.names[$0] })
        }
        return ConferenceView(
            id: conference.id, topic: conference.topic, startsAt: RFC3339.format(conference.startsAt, in: context.zone),
            endsAt: RFC3339.format(conference.endsAt, in: context.zone), place: conference.place,
            creator: person(Participant(staffId: conference.creatorStaffId)), convener: person(Participant(staffId: conference.convenerStaffId)),
            contact: person(Participant(staffId: conference.contactStaffId)), attendees: conference.attendees.map(person),
            canLaunch: conference.mayLaunchVideoMeeting(staffId: user.id),
            videoMeetingIds: try await desk.conferences.videoMeetings(of: conference).map(\.id))
    }
}
