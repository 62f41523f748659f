import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The back office's rules as a person meets them: roles, invitations, forgotten passwords,
/// settings, and forms that keep what was typed.
@Suite struct AdminPagesTests {
    /// A member with a password, signed in through the sign-in page.
    static func member(_ app: TestApp, role: StaffRole, practitionerId: String? = nil, email: String) async throws -> PageVisitor {
        let user = StaffUser(id: Secrets.newID(), workspaceId: app.studio.workspace.id, email: email, name: "Member \(role.rawValue)",
                             role: role, practitionerId: practitionerId)
        try await app.store.staff.create(user, passwordHash: try await Passwords.hash(PageSecurityTests.password), now: app.store.time.now())
        let browser = PageVisitor(client: app.visitor.client)
        let signedIn = try await browser.submit("/admin/login", [("email", email), ("password", PageSecurityTests.password)],
                                                from: try await browser.get("/admin/login"))
        #expect(signedIn.status == .seeOther)
        return browser
    }

    @Test("a staff member sees no owner-only page or action; their own practitioner page and the bookings are theirs")
    func staffSeeNoOwnerOnlyPage() async throws {
        try await TestApp.run(.sqlite) { app in
            let staff = try await Self.member(app, role: .staff, practitionerId: app.studio.practitioner.id, email: "sam@example.com")
            let bookings = try await staff.get("/admin/studio/bookings")

            #expect(bookings.status == .ok)
            for owners in ["Settings", "Outbox", "Failed jobs", "Audit log", "Webhooks"] {
                #expect(!bookings.text.contains(">\(owners)</a>"), "\(owners) is in a staff member's navigation")
            }
            for path in ["settings", "outbox", "jobs", "audit", "webhooks", "services/new", "practitioners/new"] {
                #expect(try await staff.get("/admin/studio/\(path)").status == .forbidden, "\(path)")
            }
            let own = try await staff.get("/admin/studio/availability")
            #expect(own.status == .ok)
            #expect(own.text.contains(app.studio.practitioner.name))
            let hours = try await staff.submit("/admin/studio/practitioners/\(app.studio.practitioner.id)/hours",
                                               [("hours_monday", "08:00-09:00")], from: own)
            #expect(hours.status == .forbidden)
            #expect(try await app.store.practitioners.find(id: app.studio.practitioner.id, workspaceId: app.studio.workspace.id)?
                .availability == app.studio.practitioner.availability)
        }
    }

    @Test("an invited member sets a password from the emailed link, once, and signs in with it")
    func invitation() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let invited = try await owner.submit("/admin/studio/settings/staff",
                                                 [("name", "Noor"), ("email", "noor@example.com"), ("role", "admin"), ("practitionerId", "")],
                                                 from: try await owner.get("/admin/studio/settings"))
            #expect(invited.status == .seeOther)
            let mail = try #require(try await app.store.outbox.list(workspaceId: app.studio.workspace.id, limit: 10, offset: 0)
                .first { $0.kind == "staff-invite" })
            #expect(mail.recipientEmail == "noor@example.com")
            let link = try #require(mail.textBody.firstMatch(of: #/https://slotline\.example\.com(/admin/invite/\S+)/#)).output.1

            let noor = PageVisitor(client: app.visitor.client)
            let form = try await noor.get(String(link))
            let mismatch = try await noor.submit(String(link), [("password", "long-enough-1"), ("repeat", "long-enough-2")], from: form)
            let set = try await noor.submit(String(link), [("password", "long-enough-1"), ("repeat", "long-enough-1")], from: form)
            let again = try await noor.get(String(link))
            let signedIn = try await noor.submit("/admin/login", [("email", "noor@example.com"), ("password", "long-enough-1")],
                                                 from: try await noor.get("/admin/login"))

            #expect(form.status == .ok && form.text.contains("Noor"))
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.text.contains(#"id="repeat-error""#))
            #expect(set.status == .seeOther && set.headers[.location] == "/admin/login?done=password")
            #expect(again.status == .notFound && again.text.contains("has been used or has expired"))
            #expect(signedIn.status == .seeOther)
        }
    }

    @Test("a forgotten password: the same answer for any email, a link that resets it once and signs out the old sessions")
    func forgottenPassword() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let stranger = PageVisitor(client: app.visitor.client)
            let page = try await stranger.get("/admin/forgot")
            let known = try await stranger.submit("/admin/forgot", [("email", "ada@example.com")], from: page)
            let unknown = try await stranger.submit("/admin/forgot", [("email", "nobody@example.com")], from: page)

            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.text == unknown.text.replacingOccurrences(of: "nobody", with: "ada"))
            let mail = try #require(try await app.store.outbox.list(workspaceId: app.studio.workspace.id, limit: 10, offset: 0)
                .first { $0.kind == "staff-reset" })
            let link = String(try #require(mail.textBody.firstMatch(of: #/https://slotline\.example\.com(/admin/reset/\S+)/#)).output.1)
            let reset = try await stranger.submit(link, [("password", "brand-new-pass"), ("repeat", "brand-new-pass")],
                                                  from: try await stranger.get(link))

            #expect(reset.status == .seeOther)
            #expect(try await owner.get("/admin/studio/bookings").status == .seeOther, "the old session ended")
            let again = try await stranger.submit("/admin/login", [("email", "ada@example.com"), ("password", "brand-new-pass")],
                                                  from: try await stranger.get("/admin/login"))
            #expect(again.status == .seeOther)
        }
    }

    @Test("a service form with a wrong number shows the error beside it, keeps what was typed, and saves nothing")
    func serviceFormKeepsWhatWasTyped() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let before = try await app.store.services.list(workspaceId: app.studio.workspace.id).count
            let answer = try await owner.submit("/admin/studio/services/new", [("name", "Deep <tissue>"), ("durationMinutes", "ninety")],
                                                from: try await owner.get("/admin/studio/services/new"))

            #expect(answer.status == .badRequest)
            #expect(answer.text.contains(#"id="f-durationMinutes-error""#))
            #expect(answer.text.contains(#"value="Deep &lt;tissue&gt;""#))
            #expect(answer.text.contains(#"value="ninety""#))
            #expect(try await app.store.services.list(workspaceId: app.studio.workspace.id).count == before)
        }
    }

    @Test("the manage page shows the join link of a confirmed booking only once the settings allow it")
    func managePageJoinLink() async throws {
        try await TestApp.run(.sqlite) { app in
            let token = try #require(try await app.booked(app.studio.instant, at: app.opening())["manageToken"].string)
            let before = try await PageVisitor(client: app.visitor.client).get("/manage/\(token)")
            let owner = try await PageSecurityTests.signedIn(app)
            let settings = try await owner.get("/admin/studio/settings")
            let saved = try await owner.submit("/admin/studio/settings/workspace", [
                ("name", "Studio studio"), ("slug", "studio"), ("timeZone", "UTC"), ("defaultLanguage", "en"),
                ("paymentInstructions", ""), ("manageShowsJoinLink", "true"),
            ], from: settings)
            let after = try await PageVisitor(client: app.visitor.client).get("/manage/\(token)")

            #expect(saved.status == .seeOther)
            #expect(!before.text.contains(Studio.practitionerSecret))
            #expect(after.text.contains(Studio.practitionerSecret))
        }
    }

    @Test("an API key made on the settings page is shown once, works, and stops working when revoked")
    func apiKeys() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let created = try await owner.submit("/admin/studio/settings/api-keys", [("keyName", "Zapier")],
                                                 from: try await owner.get("/admin/studio/settings"))
            let key = String(try #require(created.text.firstMatch(of: #/<code id="new-key">([^<]+)</code>/#)).output.1)
            #expect(try await app.visitor.bearer(key).get("/api/v1/auth/me").status == .ok)
            let page = try await owner.get("/admin/studio/settings")
            #expect(!page.text.contains(key))
            let row = try #require(page.text.firstMatch(of: #/>Zapier</td>[^§]*?action="(/admin/studio/settings/api-keys/[^"]+/revoke)"/#))
            let revoke = row.output.1

            #expect(try await owner.submit(String(revoke), [], from: page).status == .seeOther)
            #expect(try await app.visitor.bearer(key).get("/api/v1/auth/me").status == .unauthorized)
        }
    }

    @Test("staff book for a customer from the back office: a bad email is shown beside its field, a good one makes the booking")
    func staffCreateABooking() async throws {
        try await TestApp.run(.sqlite) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let start = rfc3339(app.opening())
            let page = try await owner.get("/admin/studio/bookings/new?service=\(app.studio.instant.id)&startsAt=\(PageVisitor.encode(start))&tz=UTC")
            let fields = [("serviceId", app.studio.instant.id), ("practitionerId", ""), ("startsAt", start), ("customer_name", "Kai"),
                          ("customer_language", "zh-Hant"), ("customer_timeZone", "Asia/Taipei")]

            let wrong = try await owner.submit("/admin/studio/bookings/new", fields + [("customer_email", "kai")], from: page)
            let made = try await owner.submit("/admin/studio/bookings/new", fields + [("customer_email", "kai@example.com")], from: page)

            #expect(page.status == .ok && page.text.contains("Create booking"))
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains(#"id="c-customer_email-error""#))
            #expect(wrong.text.contains(#"value="Kai""#))
            #expect(made.status == .seeOther)
            let id = try #require(made.headers[.location]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let booking = try #require(try await app.store.bookings.find(id: id, workspaceId: app.studio.workspace.id))
            #expect(booking.customer.language == .zhHant && booking.customer.timeZone == "Asia/Taipei" && booking.state == .confirmed)
            let ada = try #require(try await app.store.staff.list(workspaceId: app.studio.workspace.id).first { $0.email == "ada@example.com" })
            let history = try await app.store.history.list(bookingId: id, workspaceId: app.studio.workspace.id)
            #expect(history.map(\.actor) == [.staff] && history.first?.staffId == ada.id, "the history names who booked")
        }
    }
}
