import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The page the manage link in every message opens.
@Suite struct ManagePageTests {
    @Test("the manage link of a confirmation opens the booking's page, with public instructions and no private details",
          arguments: TestDatabase.flavors)
    func theLinkInTheMessageOpensThePage(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let booked = try await app.booked(app.studio.instant, at: app.opening(), customer: "Ada")
            let token = try #require(booked["manageToken"].string)
            try await JobRunner(store: app.store, name: "manage-page").runDue()
            let confirmation = try #require(try await app.store.outbox.list(workspaceId: app.studio.workspace.id, limit: 50, offset: 0)
                .first { $0.kind == "confirmed" })
            #expect(confirmation.textBody.contains("\(ServerSettings.test.publicURL)/manage/\(token)"))

            let page = try await app.visitor.get("/manage/\(token)")

            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains(app.studio.instant.name))
            #expect(page.text.contains(Studio.publicInstructions))
            #expect(!page.text.contains(Studio.practitionerSecret))
            #expect(!page.text.contains(Studio.serviceSecret))
            #expect(page.text.contains("confirmed"))
        }
    }

    @Test("the page's form asks to cancel; an unknown token gets a page saying so", arguments: TestDatabase.flavors)
    func cancellingFromThePage(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let booked = try await app.booked(app.studio.instant, at: app.opening())
            let token = try #require(booked["manageToken"].string)

            let page = try await app.visitor.get("/manage/\(token)")
            let csrf = try #require(page.formToken)
            let posted = try await app.visitor.send(.post, "/manage/\(token)/cancel", raw: "reason=sick+today&csrf=\(csrf)",
                                                    headers: [.contentType: "application/x-www-form-urlencoded"])

            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/manage/\(token)?done=cancel")
            let manage = try await app.visitor.get("/api/v1/manage/\(token)")
            #expect(manage.json["request"]["kind"] == "cancel" || manage.json["state"] == "cancelled", "\(manage.text)")
            #expect(manage.json["request"]["reason"] == "sick today" || manage.json["state"] == "cancelled")
            let unknown = try await app.visitor.get("/manage/mt_nothing")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("does not lead to a booking"))
        }
    }

    @Test("a cancellation posted without the page's form token, or from another booking's page, is refused and changes nothing",
          arguments: TestDatabase.flavors)
    func aFormWithoutItsTokenIsRefused(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let token = try #require(try await app.booked(app.studio.instant, at: app.opening())["manageToken"].string)
            let other = try #require(try await app.booked(app.studio.instant, at: app.opening(hour: 11), customer: "Lin")["manageToken"].string)
            let othersToken = try #require(try await app.visitor.get("/manage/\(other)").formToken)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

            let missing = try await app.visitor.send(.post, "/manage/\(token)/cancel", raw: "reason=forged", headers: form)
            let foreign = try await app.visitor.send(.post, "/manage/\(token)/cancel", raw: "reason=forged&csrf=\(othersToken)", headers: form)

            for refused in [missing, foreign] {
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("did not come from this site"))
            }
            let manage = try await app.visitor.get("/api/v1/manage/\(token)")
            #expect(manage.json["request"] == .null && manage.json["state"] == "confirmed", "\(manage.text)")
        }
    }

    @Test("a link to no booking is answered in the browser's language", arguments: TestDatabase.flavors)
    func anUnknownTokenIsAnsweredInTheBrowsersLanguage(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let page = try await app.visitor.send(.get, "/manage/mt_nothing", raw: nil, headers: [.acceptLanguage: "zh-TW,zh;q=0.9"])

            #expect(page.status == .notFound)
            #expect(page.text.contains(#"<html lang="zh-Hant">"#))
            #expect(page.text.contains("找不到預約"))
        }
    }
}
