import Foundation
import SlotlineCore
import SlotlineStore

/// A small workspace for tests: one practitioner working every day 09:00–17:00 in `timeZone`,
/// and one service per lifecycle path. The private meeting texts are easy to search for.
public struct Studio: Sendable {
    public static let practitionerSecret = "https://zoom.us/j/9990001111?pwd=PRIVATE-PRACTITIONER"
    public static let serviceSecret = "https://meet.example.com/PRIVATE-SERVICE-ROOM"
    public static let publicInstructions = "The link arrives in your confirmation email."

    public let workspace: Workspace
    public let practitioner: Practitioner
    /// Confirmed at once; practitioner link.
    public let instant: Service
    /// Needs staff acceptance.
    public let manual: Service
    /// Needs payment, 30-minute window.
    public let paid: Service
    /// Capacity 5; service link.
    public let group: Service

    /// Creates the studio in `store`. `slug` must be unique within the store.
    public static func create(in store: Store, slug: String = "studio", timeZone: String = "UTC") async throws -> Studio {
        let now = store.time.now()
        let workspace = Workspace(id: Secrets.newID(), slug: slug, name: "Studio \(slug)", timeZone: timeZone,
                                  paymentInstructions: "Pay to account 123")
        try await store.workspaces.create(workspace, now: now)
        let day = [try TimeRange(start: LocalTime("09:00")!, end: LocalTime("17:00")!)]
        let practitioner = Practitioner(
            id: Secrets.newID(), workspaceId: workspace.id, name: "Ada", timeZone: timeZone,
            availability: Availability(weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, day) })),
            meetingText: practitionerSecret)
        try await store.practitioners.save(practitioner, now: now)
        func service(_ name: String, _ configure: (inout Service) -> Void) async throws -> Service {
            var service = Service(id: Secrets.newID(), workspaceId: workspace.id, name: name, durationMinutes: 60,
                                  onlineInstructions: publicInstructions, practitionerIds: [practitioner.id])
            configure(&service)
            try await store.services.save(try service.validated(), now: now)
            return service
        }
        return Studio(
            workspace: workspace, practitioner: practitioner,
            instant: try await service("Instant") { _ in },
            manual: try await service("Manual") { $0.requiresConfirmation = true },
            paid: try await service("Paid") { $0.requiresPayment = true; $0.priceMinor = 5000 },
            group: try await service("Group") { $0.capacity = 5; $0.meetingLinkSource = .service; $0.meetingText = serviceSecret })
    }

    /// The next 09:00 in the studio's zone at least `days` days after `now`: a start time that is always offered.
    public func opening(daysAhead days: Int = 2, hour: Int = 9, after now: Date) -> Date {
        let clock = WallClock(TimeZone(identifier: practitioner.timeZone)!)
        let date = WallClock.date(fromDays: WallClock.days(from: clock.localDate(of: now)) + days)
        return clock.instant(date, LocalTime(minutes: hour * 60)!)!
    }

    public func customer(_ name: String = "Grace", timeZone: String = "Europe/London") -> Customer {
        Customer(name: name, email: "\(name.lowercased())@example.com", timeZone: timeZone)
    }
}
