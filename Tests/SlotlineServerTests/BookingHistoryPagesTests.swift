import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A booking's history as the API and its back-office page show it.
@Suite struct BookingHistoryPagesTests {
    @Test("the API lists a booking's changes oldest first with who made them; another workspace gets not_found",
          arguments: TestDatabase.flavors)
    func historyOverTheAPI(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let id = try await app.bookedId(app.studio.manual, at: app.opening())
            let me = try await app.owner.get("/api/v1/auth/me")
            let accepted = try await app.owner.post("/api/v1/bookings/\(id)/accept", [:])
            let other = try await Studio.create(in: app.store, slug: "other")
            let otherOwner = try await app.staff(role: .owner, in: other.workspace)

            let history = try await app.owner.get("/api/v1/bookings/\(id)/history?timeZone=Asia/Taipei")
            let foreign = try await otherOwner.get("/api/v1/bookings/\(id)/history")

            #expect(accepted.status == .ok)
            #expect(history.status == .ok)
            let items = history.json["items"].items
            #expect(items.map { $0["events"].items.compactMap(\.string) } == [["created"], ["confirmed"]])
            #expect(items.map { $0["actor"].string } == ["customer", "staff"])
            #expect(items.map { $0["state"].string } == ["pending", "confirmed"])
            #expect(items[1]["staffId"].string == me.json["id"].string && me.json["id"].string != nil)
            #expect(items.allSatisfy { $0["occurredAt"].string?.hasSuffix("+08:00") == true })
            #expect(foreign.status == .notFound)
            #expect(foreign.json["error"]["code"].string == "not_found")
        }
    }

    @Test("the booking page lists what happened in the reader's language, with the staff member's name and the customer's reason")
    func historyOnTheBookingPage() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let desk = BookingDesk(store: app.store)
            let submitted = try await desk.submit(
                NewBooking(serviceId: app.studio.manual.id, practitionerId: app.studio.practitioner.id, startsAt: app.opening(),
                           customer: Customer(name: "Grace", email: "grace@example.com", timeZone: "UTC")),
                workspaceId: app.studio.workspace.id, byStaff: false)
            let id = submitted.booking.id
            let before = try await owner.get("/admin/studio/bookings/\(id)")
            _ = try await owner.submit("/admin/studio/bookings/\(id)/accept", [], from: before)
            _ = try await desk.request(.cancel, manageToken: submitted.manageToken, startsAt: nil, reason: "<b>moving away</b>")
            let name = try #require(try await app.store.staff.list(workspaceId: app.studio.workspace.id).first { $0.email == "ada@example.com" }?.name)

            let page = try await owner.get("/admin/studio/bookings/\(id)")
            let chinese = try await owner.get("/admin/studio/bookings/\(id)?lang=zh-Hant")

            #expect(before.text.contains("Booked") && !before.text.contains("Confirmed ·"))
            #expect(page.text.contains("History"))
            #expect(page.text.contains("Booked"))
            #expect(page.text.contains("<strong>Confirmed</strong> <span class=\"muted\">· by \(name)</span>"))
            #expect(page.text.contains("<strong>Change requested</strong> <span class=\"muted\">· by the customer</span>"))
            #expect(page.text.contains("Reason: &lt;b&gt;moving away&lt;/b&gt;"))
            #expect(chinese.text.contains("狀態紀錄") && chinese.text.contains("已確認") && chinese.text.contains("客戶申請變更"))
        }
    }
}
