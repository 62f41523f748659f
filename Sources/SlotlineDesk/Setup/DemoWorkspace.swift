import Foundation
import SlotlineCore
import SlotlineStore

/// The `demo` workspace: two practitioners with weekly hours and a service for every link source
/// and every lifecycle path that exists, and the office's video meetings on a pool of lines, so a new
/// installation can be clicked through at once.
public struct DemoWorkspace: Sendable {
    public static let slug = "demo"
    public static let email = "owner@demo.slotline.local"
    public static let password = "slotline-demo"

    let desk: Desk

    public init(desk: Desk) { self.desk = desk }

    private var store: Store { desk.store }

    /// Creates what is missing and returns the owner with a fresh API key.
    public func seed() async throws -> Provisioning.Owner {
        let provisioning = Provisioning(store: store)
        let workspace = try await provisioning.workspace(
            slug: Self.slug, name: "Slotline Demo Studio", timeZone: "Asia/Taipei", language: .en,
            paymentInstructions: "Pay by bank transfer to 012-345678 (Slotline Demo Studio) and quote your booking number.")
        let owner = try await provisioning.owner(in: workspace, email: Self.email, password: Self.password, name: "Demo Owner")
        if try await store.services.list(workspaceId: workspace.id).isEmpty {
            try await seedCatalog(workspace)
        }
        if let user = try await store.staff.find(id: owner.userId, workspaceId: workspace.id) {
            try await DemoVideoMeetings(desk: desk).seed(workspace, owner: user, password: Self.password)
        }
        return owner
    }

    private func seedCatalog(_ workspace: Workspace) async throws {
        let now = store.time.now()
        let range = { (start: String, end: String) in try TimeRange(start: LocalTime(start)!, end: LocalTime(end)!) }
        let weekdays = try Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            ($0, [try range("09:00", "12:00"), try range("13:00", "18:00")])
        })
        let mei = Practitioner(id: Secrets.newID(), workspaceId: workspace.id, name: "Mei Lin",
                               description: "Yoga and breathing coach", timeZone: "Asia/Taipei",
                               availability: Availability(weekly: weekdays),
                               meetingText: "Join Zoom: https://zoom.us/j/1234567890\nMeeting ID: 123 456 7890\nPasscode: wellness")
        var weekend = weekdays
        weekend[.saturday] = [try range("10:00", "16:00")]
        let oliver = Practitioner(id: Secrets.newID(), workspaceId: workspace.id, name: "Oliver Grant",
                                  description: "Career coach", timeZone: "Europe/London",
                                  availability: Availability(weekly: weekend),
                                  meetingText: "Google Meet: https://meet.google.com/abc-defg-hij")
        try await store.practitioners.save(mei, now: now)
        try await store.practitioners.save(oliver, now: now)
        // The sandbox provider makes real-looking meetings without any provider app.
        for practitioner in [mei, oliver] {
            _ = try await OneClickConnection.connect(.sandbox, label: "Sandbox", practitioner: practitioner, store: store)
            try await store.connections.setDefaultProvider(.sandbox, practitionerId: practitioner.id, workspaceId: workspace.id)
        }

        let both = [mei.id, oliver.id]
        let instructions = "You will receive the meeting link in your confirmation email."
        let services = [
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Online consultation (instant)",
                    description: "30 minutes, confirmed at once; uses the practitioner's own meeting room.",
                    durationMinutes: 30, bufferAfterMinutes: 10, meetingLinkSource: .practitioner,
                    onlineInstructions: instructions, minimumNoticeMinutes: 60, practitionerIds: both),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Video session (its own meeting)",
                    description: "45 minutes; a unique meeting is created on the practitioner's default tool (the sandbox here).",
                    durationMinutes: 45, meetingLinkSource: .provider, onlineInstructions: instructions, practitionerIds: both),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Coaching session (needs approval)",
                    description: "60 minutes; the studio accepts each request.",
                    durationMinutes: 60, requiresConfirmation: true, meetingLinkSource: .practitioner,
                    onlineInstructions: instructions, minimumNoticeMinutes: 120, practitionerIds: both),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Paid deep-dive",
                    description: "90 minutes; held for 30 minutes until paid.",
                    durationMinutes: 90, priceMinor: 250_000, currency: "TWD", requiresPayment: true,
                    meetingLinkSource: .practitioner, onlineInstructions: instructions, practitionerIds: [mei.id]),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Group yoga class",
                    description: "Up to 5 people share one class link.",
                    durationMinutes: 60, slotIntervalMinutes: 120, capacity: 5, meetingLinkSource: .service,
                    meetingText: "Class room: https://meet.jit.si/slotline-demo-yoga-7f3k", onlineInstructions: instructions,
                    changePolicy: .automatic, practitionerIds: [mei.id]),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Video call (studio's own line)",
                    description: "30 minutes; the meeting is made on a free line of the studio's pool, so times show only while one is free.",
                    durationMinutes: 30, meetingLinkSource: .pool, onlineInstructions: instructions, practitionerIds: both),
            Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Studio visit (in person)",
                    description: "45 minutes at the studio.", durationMinutes: 45, online: false, meetingLinkSource: .none,
                    practitionerIds: [oliver.id]),
        ]
        for service in services { try await store.services.save(try service.validated(), now: now) }
    }
}
