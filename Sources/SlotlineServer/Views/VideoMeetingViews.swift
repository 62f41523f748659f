import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// A line of the pool as the API shows it.
struct LineView: ResponseEncodable {
    let id: String
    let provider: String
    let label: String
    let capacity: Int
    let state: Line.State
    let connectionId: String?
    let hostUserId: String?

    init(_ line: Line) {
        id = line.id
        provider = line.provider.rawValue
        label = line.label
        capacity = line.capacity
        state = line.state
        connectionId = line.connectionId
        hostUserId = line.hostUserId
    }
}

/// A video meeting as the API shows it to one viewer.
struct VideoMeetingView: ResponseEncodable {
    struct Person: Encodable {
        let staffId: String?
        let email: String?
        let name: String?
    }

    struct Source: Encodable {
        let kind: String
        let reference: String?
        /// Where the meeting came from, in the back office (a conference card, a booking).
        let url: String?
    }

    let id: String
    let title: String
    let agenda: String
    let state: VideoMeeting.State
    let startsAt: String
    let endsAt: String
    let durationMinutes: Int
    let endedAt: String?
    let host: Person
    let createdBy: Person
    let participants: [Person]
    let source: Source
    let line: LineView?
    /// The participant link; nil until the provider made the meeting.
    let joinURL: String?
    let meetingNumber: String?
    let passcode: String?
    /// Only for the host and admins.
    let hostURL: String?
    /// The provider meeting is still being made, or failed (`lastError` says why).
    let providerState: String?
    let lastError: String?
    let canManage: Bool

    init(_ details: VideoMeetingDetails, names: [String: String], zone: TimeZone, relatedURL: String?) {
        let meeting = details.meeting
        func time(_ date: Date) -> String { RFC3339.format(date, in: zone) }
        func person(_ participant: Participant) -> Person {
            Person(staffId: participant.staffId, email: participant.email, name: participant.staffId.flatMap { names[$0] })
        }
        id = meeting.id
        title = meeting.title
        agenda = meeting.agenda
        state = details.state
        startsAt = time(meeting.startsAt)
        endsAt = time(meeting.endsAt)
        durationMinutes = meeting.durationMinutes
        endedAt = meeting.endedAt.map(time)
        host = person(Participant(staffId: meeting.hostStaffId))
        createdBy = person(Participant(staffId: meeting.createdByStaffId))
        participants = meeting.participants.map(person)
        source = Source(kind: meeting.source.kind, reference: meeting.source.reference, url: relatedURL)
        line = details.line.map(LineView.init)
        joinURL = details.provided?.joinURL
        meetingNumber = details.provided?.meetingNumber
        passcode = details.provided?.passcode
        hostURL = details.hostURL
        providerState = details.provided?.state.rawValue
        lastError = details.provided?.lastError
        canManage = details.canManage
    }
}

/// Builds `VideoMeetingView`s for one request: the zone times are shown in (`?timeZone=`, else the
/// workspace's), staff names, and the related link under the workspace's back office.
struct VideoMeetingPresenter {
    let store: Store
    let desk: Desk

    struct Context {
        let zone: TimeZone
        let names: [String: String]
        let slug: String
    }

    func context(_ request: Request, user: StaffUser) async throws -> Context {
        guard let workspace = try await store.workspaces.find(id: user.workspaceId) else { throw SlotlineError.notFound("workspace") }
        let zone = try request.uri.queryParameters.get("timeZone").map { try FieldInput.timeZone($0, field: "timeZone") }
            ?? TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        let names = Dictionary(uniqueKeysWithValues: try await store.staff.list(workspaceId: user.workspaceId).map { ($0.id, $0.name) })
        return Context(zone: zone, names: names, slug: workspace.slug)
    }

    func view(_ id: String, request: Request, user: StaffUser) async throws -> VideoMeetingView {
        view(try await desk.videoMeetings.details(id: id, viewer: user), try await context(request, user: user))
    }

    func view(_ details: VideoMeetingDetails, _ context: Context) -> VideoMeetingView {
        VideoMeetingView(details, names: context.names, zone: context.zone,
                         relatedURL: desk.settings.relatedURL(of: details.meeting.source, workspace: context.slug))
    }
}
