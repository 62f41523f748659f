import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Tells the people invited to a video meeting: an invitation with a calendar request, an update of
/// it, or its cancellation. An invitation waits for the provider's link; each person hears of each
/// notice once (its dedupe key), however often the job runs.
struct VideoNoticeHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings

    struct LinkNotReady: JobWait, CustomStringConvertible {
        var description: String { "the video meeting's link is not made yet" }
    }

    func run(_ payload: VideoMeetingNotice, job: Job) async throws {
        guard let meeting = try await store.videoMeetings.find(id: payload.videoMeetingId, workspaceId: payload.workspaceId),
              let workspace = try await store.workspaces.find(id: payload.workspaceId) else { return }
        let now = store.time.now()
        var details: MeetingDetails?
        if payload.notice != .cancelled {
            guard [.notStarted, .inProgress].contains(meeting.state(at: now)) else { return }
            let provided = try await store.meetings.live(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId)
            if let join = provided?.joinURL {
                details = MeetingDetails(joinURL: join, meetingNumber: provided?.meetingNumber ?? "", passcode: provided?.passcode ?? "")
            } else if provided?.state != .failed {
                throw LinkNotReady()
            }
        }
        let staff = Dictionary(uniqueKeysWithValues: try await store.staff.list(workspaceId: workspace.id).map { ($0.id, $0) })
        let language = workspace.defaultLanguage
        let time = MessageTime(language: language, timeZoneIdentifier: workspace.timeZone)
        let facts = { (pageURL: String?) in
            VideoMeetingMessage.Facts(title: meeting.title, hostName: staff[meeting.hostStaffId]?.name ?? workspace.name,
                                      workspaceName: workspace.name, when: time.range(meeting.startsAt, meeting.endsAt),
                                      agenda: meeting.agenda, meeting: details, pageURL: pageURL)
        }
        for participant in payload.participants {
            let colleague = participant.staffId.flatMap { staff[$0] }
            guard let email = colleague?.email ?? participant.email else { continue }
            let name = colleague?.name ?? ""
            let rendered = VideoMeetingMessage.render(payload.notice, facts(colleague.map { _ in settings.meetingPageURL(workspace: workspace.slug,
                                                                                                                         meetingId: meeting.id) }),
                                                      language: language, recipientName: name)
            let invite = CalendarInvite(
                uid: "video-\(meeting.id)@\(settings.domain)", sequence: payload.sequence,
                method: payload.notice == .cancelled ? .cancel : .request, summary: meeting.title, description: meeting.agenda,
                location: details?.joinURL ?? "", start: meeting.startsAt, end: meeting.endsAt, stamp: now,
                organizer: .init(name: workspace.name, email: settings.mailFrom.address), attendee: .init(name: name, email: email))
            try await store.outbox.add(settings.outgoing(
                "video-\(payload.notice.rawValue)", to: MailAddress(name: name, address: email), language: language, rendered: rendered,
                invite: invite, bookingId: nil, workspaceId: workspace.id,
                dedupeKey: "video:\(meeting.id):\(payload.notice.rawValue):\(payload.sequence):\(email.lowercased())", now: now))
        }
    }
}
