import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Practitioners and services: what staff save is what the booking page reads back.
@Suite struct CatalogRepositoryTests {
    func range(_ start: String, _ end: String) throws -> TimeRange {
        try TimeRange(start: LocalTime(start)!, end: LocalTime(end)!)
    }

    @Test(arguments: TestDatabase.flavors)
    func aPractitionersHoursAndExceptionsReadBackAsSaved(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let availability = Availability(
                weekly: [.monday: [try range("09:00", "12:00"), try range("13:30", "18:00")], .saturday: [try range("10:00", "24:00")]],
                exceptions: [DateException(date: LocalDate("2030-12-25")!, ranges: []),
                             DateException(date: LocalDate("2030-12-31")!, ranges: [try range("08:00", "10:00")])])
            let practitioner = Practitioner(id: Secrets.newID(), workspaceId: studio.workspace.id, name: "Lin 老師",
                                            description: "Piano", timeZone: "Asia/Shanghai", availability: availability,
                                            meetingText: "https://meet.example.com/lin")

            try await store.practitioners.save(practitioner, now: testNow)

            #expect(try await store.practitioners.find(id: practitioner.id, workspaceId: studio.workspace.id) == practitioner)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func savingAPractitionerAgainUpdatesIt(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            var changed = studio.practitioner
            changed.name = "Ada Lovelace"
            changed.availability = Availability(weekly: [.friday: [try range("14:00", "16:00")]])
            changed.active = false

            try await store.practitioners.save(changed, now: testNow)

            #expect(try await store.practitioners.find(id: changed.id, workspaceId: studio.workspace.id) == changed)
            #expect(try await store.practitioners.list(workspaceId: studio.workspace.id) == [changed])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aPractitionerIsInvisibleFromAnotherWorkspace(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let other = try await Studio.create(in: store, slug: "other")

            #expect(try await store.practitioners.find(id: studio.practitioner.id, workspaceId: other.workspace.id) == nil)
            #expect(try await store.services.find(id: studio.instant.id, workspaceId: other.workspace.id) == nil)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aServiceReadsBackAsSaved(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let service = try Service(
                id: Secrets.newID(), workspaceId: studio.workspace.id, name: "Consultation", description: "First visit",
                durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 15, slotIntervalMinutes: 30, capacity: 3,
                priceMinor: 12_000, currency: "TWD", requiresPayment: true, requiresConfirmation: true, paymentWindowMinutes: 90,
                online: true, meetingLinkSource: .provider, meetingText: "private", onlineInstructions: "public",
                reminderOffsetsMinutes: [2880, 30], minimumNoticeMinutes: 120, maximumAdvanceDays: 14,
                changePolicy: .automatic, practitionerIds: [studio.practitioner.id], active: false
            ).validated()

            try await store.services.save(service, now: testNow)

            #expect(try await store.services.find(id: service.id, workspaceId: studio.workspace.id) == service)
            #expect(try await store.services.list(workspaceId: studio.workspace.id).count == 5)
            #expect(try await !store.services.list(workspaceId: studio.workspace.id, activeOnly: true).contains(service))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aServiceNamingAStrangersPractitionerIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let other = try await Studio.create(in: store, slug: "other")
            let service = Service(id: Secrets.newID(), workspaceId: studio.workspace.id, name: "Poached", durationMinutes: 30,
                                  practitionerIds: [other.practitioner.id])

            let error = await #expect(throws: SlotlineError.self) {
                try await store.services.save(service, now: testNow)
            }

            #expect(error?.field == "practitionerIds")
            #expect(try await store.services.find(id: service.id, workspaceId: studio.workspace.id) == nil)
        }
    }
}
