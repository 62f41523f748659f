import Foundation
import ProviderSimulators
import SlotlineCore
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §2 and §4: a confirmation sent while the practitioner's Zoom grant was revoked goes without
/// the link. Once staff reconnect and retry the parked meetings, each customer gets the link at once,
/// once, with a calendar update, rather than weeks later in the reminder.
@Suite("Meeting ready")
struct MeetingReadyTests {
    @Test("after a reconnect, each customer whose confirmation went without the link gets it once, with a calendar update",
          arguments: TestDatabase.flavors)
    func linkFollowsTheReconnect(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let workspace = app.studio.workspace.id
            try await zoom.connectDefaultZoom()
            let oneSeat = try await zoom.providerService()
            let group = try await zoom.providerService(name: "Group class") { $0.capacity = 3 }
            await zoom.zoom.revokeGrant(userId: ZoomApp.users[0].id)
            let single = try await app.bookedId(oneSeat, at: app.opening(hour: 9), customer: "Grace")
            let alan = try await app.bookedId(group, at: app.opening(hour: 11), customer: "Alan")
            let edsger = try await app.bookedId(group, at: app.opening(hour: 11), customer: "Edsger")
            let parked = [single, alan, edsger]
            try await ProviderSteps.settle(zoom.jobs)
            let beforeReconnect = try await app.store.messages(workspaceId: workspace)

            try await ProviderSteps.reconnectAndRetry(zoom)
            try await ProviderSteps.settle(zoom.jobs)
            let later = try await app.bookedId(oneSeat, at: app.opening(hour: 14), customer: "Hedy")
            try await ProviderSteps.settle(zoom.jobs)
            let messages = try await app.store.messages(workspaceId: workspace)
            let simulated = await zoom.simulatedMeetings()
            let joinURLs = try await parked.asyncMap { try await ProviderSteps.joinURL(zoom, bookingId: $0) }
            let laterJoinURL = try await ProviderSteps.joinURL(zoom, bookingId: later)
            let readyJobs = try await zoom.jobs.jobs(JobKind.meetingReady.rawValue)

            // The ready job run again, as after a crash once its messages were written, writes nothing new.
            for job in readyJobs {
                try await app.store.jobs.enqueue(job.kind, payload: job.payload, workspaceId: job.workspaceId)
            }
            try await ProviderSteps.settle(zoom.jobs)
            let afterRerun = try await app.store.messages(workspaceId: workspace)

            #expect(simulated.count == 3, "two meetings made after the reconnect, one for the later booking")
            #expect(Set(joinURLs).count == 2, "the seats share one meeting: \(joinURLs)")
            #expect(joinURLs[1] == joinURLs[2])
            #expect(beforeReconnect.of("meeting-ready").isEmpty)
            for (id, joinURL) in zip(parked, joinURLs) {
                let mine = messages.filter { $0.bookingId == id }
                let confirmation = try mine.one("confirmed")
                let ready = try mine.one("meeting-ready")
                #expect(!confirmation.everything.contains(joinURL), "the confirmation went without the link")
                #expect(ready.recipientEmail == confirmation.recipientEmail)
                #expect(ready.subject.hasPrefix("Your meeting link: "))
                #expect(ready.textBody.contains(joinURL))
                #expect(ready.htmlBody.contains(joinURL))
                #expect(ready.textBody.contains(Studio.publicInstructions))
                #expect(ready.invite?.method == "REQUEST")
                #expect(ready.invite?.location == joinURL)
                #expect(ready.invite?.uid == confirmation.invite?.uid, "the same calendar event")
                #expect(ready.invite?.sequence == confirmation.invite?.sequence)
                for meeting in simulated {
                    #expect(!ready.everything.contains(meeting.startURL))
                    #expect(!ready.everything.contains("/s/\(meeting.id)"), "no host link reaches a customer")
                }
            }
            #expect(messages.of("meeting-ready").count == 3, "customers only: \(messages.of("meeting-ready").map(\.recipientEmail))")
            #expect(try messages.filter { $0.bookingId == later }.one("confirmed").textBody.contains(laterJoinURL))
            #expect(messages.filter { $0.bookingId == later }.of("meeting-ready").isEmpty, "its confirmation had the link")
            #expect(afterRerun.count == messages.count)
            #expect(readyJobs.map(\.state) == [.done, .done], "one per parked meeting, none for the later one")
        }
    }

    @Test("a seat cancelled or a booking begun before the link arrives gets no notice", arguments: TestDatabase.flavors)
    func onlyConfirmedBookingsYetToBeginHearOfIt(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let workspace = app.studio.workspace.id
            try await zoom.connectDefaultZoom()
            let oneSeat = try await zoom.providerService()
            let group = try await zoom.providerService(name: "Group class") { $0.capacity = 3 }
            let early = app.opening(hour: 9)
            await zoom.zoom.revokeGrant(userId: ZoomApp.users[0].id)
            let begun = try await app.bookedId(oneSeat, at: early, customer: "Grace")
            let cancelled = try await app.bookedId(group, at: app.opening(hour: 11), customer: "Alan")
            let kept = try await app.bookedId(group, at: app.opening(hour: 11), customer: "Edsger")
            try await ProviderSteps.settle(zoom.jobs)
            try await app.staffAction("cancel", cancelled)
            try await ProviderSteps.settle(zoom.jobs)

            // Staff reconnect an hour after the first booking began.
            app.store.time.advance(by: early.addingTimeInterval(3600).timeIntervalSince(app.store.time.now()))
            try await ProviderSteps.reconnectAndRetry(zoom)
            try await ProviderSteps.settle(zoom.jobs)
            let ready = try await app.store.messages(workspaceId: workspace).of("meeting-ready")
            let begunJoinURL = try await ProviderSteps.joinURL(zoom, bookingId: begun)
            let keptJoinURL = try await ProviderSteps.joinURL(zoom, bookingId: kept)

            #expect(!begunJoinURL.isEmpty, "the meeting was made; only the notice is left out")
            #expect(ready.map(\.bookingId) == [kept])
            #expect(ready.first?.textBody.contains(keptJoinURL) == true)
            #expect(try await zoom.jobs.jobs(JobKind.meetingReady.rawValue).map(\.state) == [.done, .done])
        }
    }
}

extension ProviderSteps {
    /// What the connection-lost notice asks staff to do: connect the practitioner's Zoom again and
    /// retry every parked job.
    static func reconnectAndRetry(_ zoom: ZoomApp) async throws {
        try await zoom.connectZoom(practitionerId: zoom.app.studio.practitioner.id, as: zoom.app.owner)
        for job in try await zoom.app.owner.get("/api/v1/jobs?state=failed").json["items"].items {
            let retried = try await zoom.app.owner.post("/api/v1/jobs/\(job["id"].string ?? "")/retry")
            guard retried.status == .ok else { throw TestFailure("retry answered \(retried.status.code): \(retried.text)") }
        }
    }

    /// The join link the store holds for a booking's meeting.
    static func joinURL(_ zoom: ZoomApp, bookingId: String) async throws -> String {
        let workspace = zoom.app.studio.workspace.id
        let booking = try #require(try await zoom.app.store.bookings.find(id: bookingId, workspaceId: workspace))
        let service = try #require(try await zoom.app.store.services.find(id: booking.serviceId, workspaceId: workspace))
        let meeting = try await zoom.app.store.meetings.live(groupKey: Meeting.groupKey(for: booking, capacity: service.capacity),
                                                             workspaceId: workspace)
        return try #require(meeting?.joinURL, "no meeting link for \(bookingId)")
    }
}
