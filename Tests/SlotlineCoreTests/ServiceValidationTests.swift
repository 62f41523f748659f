import Foundation
import Testing
@testable import SlotlineCore

/// `Service.validated()` names the first field a studio owner got wrong.
@Suite struct ServiceValidationTests {
    static let good = Service(id: "s1", workspaceId: "w1", name: "Consultation", durationMinutes: 60)

    static func with(_ change: (inout Service) -> Void) -> Service {
        var service = good
        change(&service)
        return service
    }

    @Test func aSensibleServicePasses() throws {
        #expect(try Self.good.validated() == Self.good)
    }

    @Test(arguments: [
        (with { $0.name = "" }, "name"),
        (with { $0.name = "   " }, "name"),
        (with { $0.name = String(repeating: "x", count: 201) }, "name"),
        (with { $0.durationMinutes = 0 }, "durationMinutes"),
        (with { $0.durationMinutes = 4 }, "durationMinutes"),
        (with { $0.durationMinutes = 1441 }, "durationMinutes"),
        (with { $0.bufferBeforeMinutes = -5 }, "bufferBeforeMinutes"),
        (with { $0.bufferBeforeMinutes = 481 }, "bufferBeforeMinutes"),
        (with { $0.bufferAfterMinutes = -1 }, "bufferAfterMinutes"),
        (with { $0.bufferAfterMinutes = 481 }, "bufferAfterMinutes"),
        (with { $0.slotIntervalMinutes = 0 }, "slotIntervalMinutes"),
        (with { $0.slotIntervalMinutes = 1441 }, "slotIntervalMinutes"),
        (with { $0.capacity = 0 }, "capacity"),
        (with { $0.capacity = 10_001 }, "capacity"),
        (with { $0.priceMinor = -1 }, "priceMinor"),
        (with { $0.currency = "US" }, "currency"),
        (with { $0.currency = "US1" }, "currency"),
        (with { $0.currency = "EURO" }, "currency"),
        (with { $0.requiresPayment = true; $0.priceMinor = 0 }, "priceMinor"),
        (with { $0.paymentWindowMinutes = 4 }, "paymentWindowMinutes"),
        (with { $0.paymentWindowMinutes = 10_081 }, "paymentWindowMinutes"),
        (with { $0.reminderOffsetsMinutes = [0] }, "reminderOffsetsMinutes"),
        (with { $0.reminderOffsetsMinutes = [60, 43_201] }, "reminderOffsetsMinutes"),
        (with { $0.reminderOffsetsMinutes = Array(1...11) }, "reminderOffsetsMinutes"),
        (with { $0.minimumNoticeMinutes = -1 }, "minimumNoticeMinutes"),
        (with { $0.minimumNoticeMinutes = 43_201 }, "minimumNoticeMinutes"),
        (with { $0.maximumAdvanceDays = 0 }, "maximumAdvanceDays"),
        (with { $0.maximumAdvanceDays = 731 }, "maximumAdvanceDays"),
        (with { $0.online = false; $0.meetingLinkSource = .practitioner }, "meetingLinkSource"),
        (with { $0.online = false; $0.meetingLinkSource = .pool }, "meetingLinkSource"),
        (with { $0.description = String(repeating: "x", count: 10_001) }, "description"),
        (with { $0.meetingText = String(repeating: "x", count: 2_001) }, "meetingText"),
        (with { $0.onlineInstructions = String(repeating: "x", count: 2_001) }, "onlineInstructions"),
    ])
    func rejectsABadValueNamingItsField(service: Service, field: String) {
        let error = #expect(throws: SlotlineError.self) { try service.validated() }

        #expect(error?.code == .invalidParameter)
        #expect(error?.field == field)
    }

    @Test(arguments: [
        with { $0.durationMinutes = 5 },
        with { $0.durationMinutes = 1440; $0.slotIntervalMinutes = 1440 },
        with { $0.bufferBeforeMinutes = 480; $0.bufferAfterMinutes = 480 },
        with { $0.capacity = 10_000 },
        with { $0.requiresPayment = true; $0.priceMinor = 1 },
        with { $0.paymentWindowMinutes = 5 },
        with { $0.paymentWindowMinutes = 10_080 },
        with { $0.reminderOffsetsMinutes = [] },
        with { $0.reminderOffsetsMinutes = [1, 43_200] },
        with { $0.minimumNoticeMinutes = 43_200 },
        with { $0.maximumAdvanceDays = 1 },
        with { $0.maximumAdvanceDays = 730 },
        with { $0.online = false; $0.meetingLinkSource = .none },
        with { $0.currency = "eur" },
    ])
    func acceptsValuesAtTheLimits(service: Service) throws {
        #expect(try service.validated() == service)
    }

    @Test func theFirstProblemIsReported() {
        let service = Self.with { $0.name = ""; $0.durationMinutes = 0 }

        let error = #expect(throws: SlotlineError.self) { try service.validated() }

        #expect(error?.field == "name")
    }

    @Test func slotRulesCarryTheServicesLimits() {
        let service = Service(id: "s1", workspaceId: "w1", name: "Circle", durationMinutes: 45, bufferBeforeMinutes: 5,
                              bufferAfterMinutes: 10, capacity: 8, minimumNoticeMinutes: 120, maximumAdvanceDays: 30)

        #expect(service.slotRules == SlotRules(durationMinutes: 45, bufferBeforeMinutes: 5, bufferAfterMinutes: 10,
                                               slotIntervalMinutes: 45, capacity: 8, minimumNoticeMinutes: 120,
                                               maximumAdvanceDays: 30))
        #expect(service.isGroup)
    }

    @Test func theSlotIntervalDefaultsToTheDuration() {
        let service = Service(id: "s", workspaceId: "w", name: "Walk", durationMinutes: 40)
        let spaced = Service(id: "s", workspaceId: "w", name: "Walk", durationMinutes: 40, slotIntervalMinutes: 15)

        #expect(service.slotIntervalMinutes == 40)
        #expect(spaced.slotIntervalMinutes == 15)
    }
}

@Suite struct CustomerValidationTests {
    let customer = Customer(name: "  Mei Lin ", email: " mei@example.com", timeZone: "Asia/Taipei")

    @Test func trimsNameAndEmail() throws {
        let valid = try customer.validated()

        #expect(valid.name == "Mei Lin")
        #expect(valid.email == "mei@example.com")
    }

    @Test(arguments: ["", "mei", "mei@", "@example.com", "mei@example", "mei@.com", "mei@example.", "m ei@example.com",
                      "a@b@example.com"])
    func rejectsAddressesThatCannotReceiveMail(email: String) {
        var bad = customer
        bad.email = email

        let error = #expect(throws: SlotlineError.self) { try bad.validated() }

        #expect(error?.field == "customer.email")
    }

    @Test func rejectsAnUnknownTimeZone() {
        var bad = customer
        bad.timeZone = "Mars/Olympus_Mons"

        let error = #expect(throws: SlotlineError.self) { try bad.validated() }

        #expect(error == SlotlineError(.invalidTimeZone, field: "customer.timeZone", detail: "Mars/Olympus_Mons"))
    }

    @Test func rejectsABlankName() {
        var bad = customer
        bad.name = " \n "

        #expect((#expect(throws: SlotlineError.self) { try bad.validated() })?.field == "customer.name")
    }
}

@Suite struct WorkspaceSlugTests {
    @Test(arguments: ["ab", "yoga-studio", "clinic-42", String(repeating: "a", count: 63)])
    func acceptsUrlSafeSlugs(slug: String) throws {
        try Workspace.validate(slug: slug)
    }

    @Test(arguments: ["a", "", "Yoga", "yoga studio", "-yoga", "yoga-", "yoga/studio", "瑜伽", String(repeating: "a", count: 64)])
    func rejectsSlugsUnsafeInAPath(slug: String) {
        #expect((#expect(throws: SlotlineError.self) { try Workspace.validate(slug: slug) })?.field == "slug")
    }
}
