import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// What keeps the pages safe: the session cookie's flags, form tokens against cross-site posts,
/// sign-in limits, escaping of everything typed, and a policy that runs no inline script.
@Suite struct PageSecurityTests {
    static let password = "correct-horse"

    /// Signs the studio's new owner in through the sign-in page, as a browser does.
    static func signedIn(_ app: TestApp, email: String = "ada@example.com") async throws -> PageVisitor {
        _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: email, password: password)
        let browser = PageVisitor(client: app.visitor.client)
        let form = try await browser.get("/admin/login?next=/admin/studio/bookings")
        let signedIn = try await browser.submit("/admin/login", [("email", email), ("password", password),
                                                                 ("next", "/admin/studio/bookings")], from: form)
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.headers[.location] == "/admin/studio/bookings")
        return browser
    }

    @Test("a back-office page sends a visitor to sign in and back; the session cookie is HttpOnly, SameSite=Lax and Secure on https")
    func signingIn() async throws {
        try await TestApp.run(.sqlite) { app in
            let stranger = PageVisitor(client: app.visitor.client)
            let refused = try await stranger.get("/admin/studio/bookings?tab=past")
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/admin/login?next=/admin/studio/bookings%3Ftab%3Dpast")

            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "ada@example.com", password: Self.password)
            let form = try await stranger.get("/admin/login")
            let answer = try await stranger.submit("/admin/login", [("email", "ada@example.com"), ("password", Self.password)], from: form)

            let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("slotline_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), "\(cookie)")
            let page = try await stranger.get("/admin/studio/bookings")
            #expect(page.status == .ok)
            #expect(page.text.contains("Owner"))
            #expect(try await stranger.get("/admin/other-studio/bookings").status == .notFound)
        }
    }

    @Test("a form posted without its token, with another session's token, or from another site is refused and changes nothing")
    func crossSiteFormsAreRefused() async throws {
        try await TestApp.run(.sqlite) { app in
            let id = try await app.bookedId(app.studio.manual, at: app.opening())
            let owner = try await Self.signedIn(app)
            let other = try await Self.signedIn(app, email: "bo@example.com")
            let othersPage = try await other.get("/admin/studio/bookings/\(id)")

            let missing = try await owner.submit("/admin/studio/bookings/\(id)/accept", [])
            let foreign = try await owner.submit("/admin/studio/bookings/\(id)/accept", [], from: othersPage)
            // A cross-site sign-in form: the browser sends no cookie of ours with it, so no token can match.
            let signInPage = try await owner.get("/admin/login")
            let crossSiteSignIn = try await PageVisitor(client: app.visitor.client)
                .submit("/admin/login", [("email", "ada@example.com"), ("password", Self.password)], from: signInPage)

            for refused in [missing, foreign, crossSiteSignIn] {
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("did not come from this site"), "\(refused.text.prefix(400))")
            }
            #expect(try await app.store.bookings.find(id: id, workspaceId: app.studio.workspace.id)?.state == .pending)
            let accepted = try await owner.submit("/admin/studio/bookings/\(id)/accept", [], from: try await owner.get("/admin/studio/bookings/\(id)"))
            #expect(accepted.status == .seeOther)
            #expect(try await app.store.bookings.find(id: id, workspaceId: app.studio.workspace.id)?.state == .confirmed)
        }
    }

    @Test("sign-in attempts are limited per account (429 with Retry-After); an unknown email gets the same answer as a wrong password")
    func signInAttemptsAreLimited() async throws {
        try await TestApp.run(.sqlite) { app in
            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "ada@example.com", password: Self.password)
            let browser = PageVisitor(client: app.visitor.client)
            let form = try await browser.get("/admin/login")

            let unknown = try await browser.submit("/admin/login", [("email", "nobody@example.com"), ("password", "whatever-1")], from: form)
            var wrong: [APIResponse] = []
            for attempt in 1...5 {
                wrong.append(try await browser.submit("/admin/login", [("email", "ada@example.com"), ("password", "wrong-\(attempt)")], from: form))
            }
            let limited = try await browser.submit("/admin/login", [("email", "ada@example.com"), ("password", Self.password)], from: form)

            #expect(unknown.status == .unauthorized)
            #expect(wrong.allSatisfy { $0.status == .unauthorized })
            #expect(unknown.text.contains("The email or password is wrong.") && wrong[0].text.contains("The email or password is wrong."))
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(limited.text.contains("Too many sign-in attempts"))
            #expect(limited.text.contains(#"value="ada@example.com""#), "what was typed is kept")
        }
    }

    @Test("what a customer types is escaped on every page that shows it")
    func typedTextIsEscaped() async throws {
        try await TestApp.run(.sqlite) { app in
            let name = "<script>alert('n')</script>"
            let note = #""><img src=x onerror=alert(1)>"#
            let customer = PageVisitor(client: app.visitor.client)
            let form = try await customer.get("/w/studio/services/\(app.studio.instant.id)/book?startsAt=\(PageVisitor.encode(rfc3339(app.opening())))&tz=UTC")
            let booked = try await customer.submit("/w/studio/services/\(app.studio.instant.id)/book", [
                ("customer_name", name), ("customer_email", "x@example.com"), ("notes", note), ("startsAt", rfc3339(app.opening())),
                ("tz", "UTC"), ("idempotencyKey", "k1"),
            ], from: form)
            let done = try #require(booked.headers[.location])
            let owner = try await Self.signedIn(app)
            let id = try #require(try await app.bookingIds(tab: "upcoming").first)

            let pages = [try await customer.get(done), try await owner.get("/admin/studio/bookings"), try await owner.get("/admin/studio/bookings/\(id)")]
            for page in pages {
                #expect(page.status == .ok)
                #expect(!page.text.contains("<script>alert"), "\(page.text.prefix(200))")
                #expect(!page.text.contains("<img src=x"))
            }
            #expect(pages[2].text.contains("&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt;"))
            #expect(pages[2].text.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test("every page carries a Content-Security-Policy allowing scripts from its own origin only, and no template holds an inline script")
    func noInlineScripts() async throws {
        try await TestApp.run(.sqlite) { app in
            for path in ["/w/studio", "/admin/login", "/manage/nothing"] {
                let page = try await PageVisitor(client: app.visitor.client).get(path)
                let policy = try #require(page.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(path): \(policy)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
            }
            #expect(try await PageVisitor(client: app.visitor.client).get("/admin/login").headers[.contentSecurityPolicy]?
                .contains("frame-ancestors 'none'") == true)
        }
        let templates = PythonTools.repositoryRoot.appendingPathComponent("Sources/SlotlineServer/Pages/Templates")
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
            let source = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            #expect(source.matches(of: #/<script(?![^>]*\bsrc=)/#).isEmpty, "\(file) has an inline script")
            #expect(source.matches(of: #/\son[a-z]+\s*=/#).isEmpty, "\(file) has an inline event handler")
            #expect(!source.contains("style=\""), "\(file) has an inline style")
        }
    }
}

/// Links in staff notices open the back office, not the JSON API.
@Suite struct StaffNoticeLinkTests {
    @Test("a staff notice links to the booking's back-office page, which asks a stranger to sign in and shows it to staff")
    func theNoticeOpensTheBookingsPage() async throws {
        try await TestApp.run(.sqlite) { app in
            let id = try await app.bookedId(app.studio.manual, at: app.opening())
            try await JobRunner(store: app.store).runDue()
            let notice = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("staff-new")
            let link = "\(ServerSettings.test.publicURL)/admin/studio/bookings/\(id)"
            #expect(notice.textBody.contains(link))
            #expect(!notice.textBody.contains("/api/v1/"))
            let path = String(link.dropFirst(ServerSettings.test.publicURL.count))

            let stranger = try await PageVisitor(client: app.visitor.client).get(path)
            let staff = try await PageSecurityTests.signedIn(app).get(path)

            #expect(stranger.status == .seeOther)
            #expect(stranger.headers[.location]?.hasPrefix("/admin/login?next=") == true)
            #expect(staff.status == .ok)
            #expect(staff.text.contains("Accept"))
        }
    }
}

/// The booking page's form, sent twice.
@Suite struct BookingFormTests {
    @Test("the same booking form sent twice (a double click) books once and shows the same result")
    func aDoubleClickBooksOnce() async throws {
        try await TestApp.run(.sqlite) { app in
            let customer = PageVisitor(client: app.visitor.client)
            let start = rfc3339(app.opening())
            let path = "/w/studio/services/\(app.studio.instant.id)/book"
            let form = try await customer.get("\(path)?startsAt=\(PageVisitor.encode(start))&tz=UTC")
            let key = try #require(form.text.firstMatch(of: #/name="idempotencyKey" value="([^"]+)"/#)).output.1
            let fields = [("customer_name", "Ada"), ("customer_email", "ada@example.com"), ("startsAt", start), ("tz", "UTC"),
                          ("idempotencyKey", String(key))]

            let first = try await customer.submit(path, fields, from: form)
            let second = try await customer.submit(path, fields, from: form)

            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try await app.bookingIds(tab: "upcoming").count == 1)
        }
    }
}

extension BookingFormTests {
    /// Every step is a plain link or form: what a browser without JavaScript can follow.
    @Test("a customer books and asks for another time by following links and sending forms, with no script at all")
    func theFlowNeedsNoScript() async throws {
        try await TestApp.run(.sqlite) { app in
            let customer = PageVisitor(client: app.visitor.client)
            func link(_ page: APIResponse, _ pattern: Regex<(Substring, Substring)>) throws -> String {
                try #require(page.text.firstMatch(of: pattern)).output.1.replacingOccurrences(of: "&amp;", with: "&")
            }
            let services = try await customer.get("/w/studio")
            let times = try await customer.get(try link(services, #/<a href="(/w/studio/services/[^"]+)">Instant</a>/#))
            // The first free day of the next month, when this one has none left.
            var dayPage = times
            if !times.text.contains(#"class="time""#) { dayPage = try await customer.get(try link(times, #/<a class="step" href="([^"]+)" rel="next"/#)) }
            let form = try await customer.get(try link(dayPage, #/<a class="time" href="([^"]+)"/#))
            let action = try link(form, #/<form method="post" action="([^"]+)"/#)
            let hidden = form.text.matches(of: #/<input type="hidden" name="([^"]+)" value="([^"]*)">/#)
                .filter { $0.output.1 != "csrf" }.map { (String($0.output.1), String($0.output.2).replacingOccurrences(of: "&#43;", with: "+")) }
            let booked = try await customer.submit(action, hidden + [("customer_name", "Noa"), ("customer_email", "noa@example.com")], from: form)
            let done = try await customer.get(try #require(booked.headers[.location]))
            let manage = try await customer.get(try link(done, #/<a class="button" href="(/manage/[^"]+)">View or change/#))
            let picker = try await customer.get(try link(manage, #/<a class="button" href="([^"]+)">Ask for another time/#))
            var pickDay = picker
            if !picker.text.contains(#"class="time""#) { pickDay = try await customer.get(try link(picker, #/<a class="step" href="([^"]+)" rel="next"/#)) }
            let confirm = try await customer.get(try link(pickDay, #/<a class="time" href="([^"]+)"/#))
            let startsAt = try link(confirm, #/name="startsAt" value="([^"]+)"/#)
            let asked = try await customer.submit(try link(confirm, #/<form method="post" action="([^"]+)"/#),
                                                  [("startsAt", startsAt.replacingOccurrences(of: "&#43;", with: "+"))], from: confirm)

            #expect(booked.status == .seeOther)
            #expect(done.text.contains("Your booking is confirmed"))
            #expect(asked.status == .seeOther)
            #expect(try await customer.get(try #require(asked.headers[.location])).text.contains("Your request for a new time is sent."))
        }
    }
}
