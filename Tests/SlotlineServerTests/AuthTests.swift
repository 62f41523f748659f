import Foundation
import HTTPTypes
import SlotlineServer
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Staff authentication")
struct AuthTests {
    @Test("login sets a session cookie that opens /auth/me until logout", arguments: TestDatabase.flavors)
    func loginCookie(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "ada@example.com", password: "correct-horse")

            let login = try await app.visitor.post("/api/v1/auth/login", [
                "workspace": .string(app.studio.workspace.slug), "email": "ada@example.com", "password": "correct-horse",
            ])

            #expect(login.status == .ok)
            #expect(login.json["email"] == "ada@example.com")
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("Secure"), "the test server's public URL is https")
            let pair = try #require(setCookie.split(separator: ";").first.map(String.init))
            #expect(pair.hasPrefix("slotline_session="))
            let signedIn = app.visitor.with(.cookie, pair)
            let me = try await signedIn.get("/api/v1/auth/me")
            #expect(me.status == .ok)
            #expect(me.json["email"] == "ada@example.com")
            #expect(me.json["role"] == "owner")

            #expect(try await signedIn.post("/api/v1/auth/logout").status.code < 300)
            let afterLogout = try await signedIn.get("/api/v1/auth/me")
            #expect(afterLogout.status == .unauthorized)
            #expect(afterLogout.errorCode == "unauthenticated")
        }
    }

    @Test("a wrong password or an unknown workspace is refused with invalid_credentials")
    func wrongPassword() async throws {
        try await TestApp.run(.sqlite) { app in
            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "ada@example.com", password: "correct-horse")

            let wrong = try await app.visitor.post("/api/v1/auth/login", [
                "workspace": .string(app.studio.workspace.slug), "email": "ada@example.com", "password": "wrong-horse",
            ])
            let elsewhere = try await app.visitor.post("/api/v1/auth/login", [
                "workspace": "no-such-studio", "email": "ada@example.com", "password": "correct-horse",
            ])

            for response in [wrong, elsewhere] {
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "invalid_credentials")
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test("staff routes refuse callers without credentials or with a bad bearer token")
    func anonymousAndBadBearer() async throws {
        try await TestApp.run(.sqlite) { app in
            let anonymous = try await app.visitor.get("/api/v1/auth/me")
            let unknownKey = try await app.visitor.bearer("sk_not-a-real-key").get("/api/v1/bookings")
            let notBearer = try await app.visitor.with(.authorization, "Basic YWRhOmhvcnNl").get("/api/v1/bookings")
            let staleCookie = try await app.visitor.with(.cookie, "slotline_session=ss_expired").get("/api/v1/bookings")

            for response in [anonymous, unknownKey, notBearer, staleCookie] {
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthenticated")
            }
        }
    }

    @Test("an API key signs in as its owner")
    func apiKey() async throws {
        try await TestApp.run(.sqlite) { app in
            let me = try await app.owner.get("/api/v1/auth/me")

            #expect(me.status == .ok)
            #expect(me.json["role"] == "owner")
            #expect(me.json["workspaceId"] == .string(app.studio.workspace.id))
        }
    }

    @Test("a staff-role user works with bookings but cannot configure services")
    func staffRole() async throws {
        try await TestApp.run(.sqlite) { app in
            let staff = try await app.staff(role: .staff)
            let booking = try await app.booked(app.studio.instant, at: app.opening())

            let create = try await staff.post("/api/v1/services", ["name": "Sneaky", "durationMinutes": 30])
            let list = try await staff.get("/api/v1/bookings?tab=upcoming")

            #expect(create.status == .forbidden)
            #expect(create.errorCode == "forbidden")
            #expect(list.status == .ok)
            #expect(list.json["items"].items.map { $0["id"] } == [booking["id"]])
            let services = try await app.owner.get("/api/v1/services")
            #expect(!services.json["items"].items.contains { $0["name"] == "Sneaky" })
        }
    }

    @Test("over plain http (a local install) the session cookie cannot be Secure, or browsers would drop it")
    func plainHTTPCookie() async throws {
        let local = ServerSettings(publicURL: "http://127.0.0.1:8080", key: TestDatabase.secretKey)
        try await TestApp.run(.sqlite, settings: local) { app in
            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "ada@example.com", password: "correct-horse")
            let login = try await app.visitor.post("/api/v1/auth/login", [
                "workspace": .string(app.studio.workspace.slug), "email": "ada@example.com", "password": "correct-horse",
            ])
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(!setCookie.contains("Secure"))
        }
    }
}
