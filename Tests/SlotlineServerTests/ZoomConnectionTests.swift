import Foundation
import ProviderSimulators
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// SPEC §4 over real HTTP: a practitioner's Zoom connected by OAuth against the simulator, its
/// tokens sealed at rest and never shown, set as the default tool, disconnected for good.
@Suite("Zoom connections")
struct ZoomConnectionTests {
    @Test("connect answers an authorize URL with the client, the callback, a state and an S256 challenge",
          arguments: TestDatabase.flavors)
    func authorizeURL(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let practitionerId = zoom.app.studio.practitioner.id

            let url = try await zoom.authorizeURL(practitionerId: practitionerId, as: zoom.app.owner)

            let components = try #require(URLComponents(string: url))
            let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
            let oauthBase = try #require(await zoom.zoom.urls?.authorizeURL)
            #expect(url.hasPrefix(oauthBase + "?"))
            #expect(query["response_type"] == "code")
            #expect(query["client_id"] == ZoomApp.client.clientId)
            #expect(query["redirect_uri"] == ZoomApp.redirectURI)
            #expect((query["state"] ?? "").count >= 20)
            #expect((query["code_challenge"] ?? "").count >= 43)
            #expect(query["code_challenge_method"] == "S256")
            // A second attempt gets its own state and challenge.
            let again = try #require(URLComponents(string: try await zoom.authorizeURL(practitionerId: practitionerId, as: zoom.app.owner)))
            let second = Dictionary((again.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
            #expect(second["state"] != query["state"])
            #expect(second["code_challenge"] != query["code_challenge"])
        }
    }

    @Test("the callback stores the connection under the Zoom account's email; its tokens are sealed in the database",
          arguments: TestDatabase.flavors)
    func callbackStoresSealedTokens(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let practitionerId = zoom.app.studio.practitioner.id
            let user = ZoomApp.users[0]

            let authorizeURL = try await zoom.authorizeURL(practitionerId: practitionerId, as: zoom.app.owner)
            let waiting = try await Self.rows("oauth_states", in: zoom.app.store)
            let callback = try await zoom.returnFromZoom(try await zoom.consent(authorizeURL, user: user), as: zoom.app.owner)
            let connection = callback.json
            let tools = try await zoom.app.owner.get("/api/v1/practitioners/\(practitionerId)/connections")

            #expect(callback.status == .ok)
            #expect(connection["provider"] == "zoom")
            #expect(connection["label"].string?.contains(user.email) == true, "the label names the account by its email")
            #expect(connection["state"] == "connected")
            #expect(tools.status == .ok)
            #expect(tools.json["connections"].items.map { $0["label"] } == [connection["label"]])
            #expect(tools.json["available"].items.contains("zoom"))
            let tokens = await zoom.zoom.tokensIssued(to: user.id)
            #expect(tokens.count == 2, "one access and one refresh token")
            let rows = try await Self.rows("connections", in: zoom.app.store)
            #expect(rows.count == 1)
            for row in rows {
                #expect(row["sealed_access_token"]?.hasPrefix("v1.") == true)
                #expect(row["sealed_refresh_token"]?.hasPrefix("v1.") == true)
                for (column, value) in row {
                    for token in tokens { #expect(!value.contains(token), "column \(column) holds a token in clear") }
                }
            }
            // The PKCE verifier waiting in an OAuth state is sealed too, and the state is gone once used.
            #expect(waiting.count == 1)
            #expect(waiting.first?["sealed_verifier"]?.hasPrefix("v1.") == true)
            #expect(waiting.first.map { authorizeURL.contains($0["state"] ?? "-") } == true)
            #expect(try await Self.rows("oauth_states", in: zoom.app.store).isEmpty)
        }
    }

    @Test("a state used twice, another staff member's state, an expired state and a refusal at Zoom all answer 400",
          arguments: TestDatabase.flavors)
    func refusedCallbacks(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let practitionerId = app.studio.practitioner.id
            let admin = try await app.staff(role: .admin)
            func expectRefused(_ response: APIResponse, _ comment: Comment) {
                #expect(response.status == .badRequest, comment)
                #expect(response.errorCode == "authorization_failed", comment)
            }

            // Another staff member brings back the owner's state.
            let stolen = try await zoom.consent(try await zoom.authorizeURL(practitionerId: practitionerId, as: app.owner))
            expectRefused(try await zoom.returnFromZoom(stolen, as: admin), "state of another user")

            // Zoom sends the browser back with an error when the user declines.
            let url = try await zoom.authorizeURL(practitionerId: practitionerId, as: app.owner)
            await zoom.zoom.denyNextAuthorization()
            let declined = try await zoom.consent(url)
            #expect(declined["error"] == "access_denied")
            expectRefused(try await zoom.returnFromZoom(declined, as: app.owner), "access denied")

            // The state lives ten minutes.
            let late = try await zoom.authorizeURL(practitionerId: practitionerId, as: app.owner)
            app.store.time.advance(by: 601)
            expectRefused(try await zoom.returnFromZoom(try await zoom.consent(late), as: app.owner), "expired state")

            let none = try await app.owner.get("/api/v1/practitioners/\(practitionerId)/connections")
            #expect(none.json["connections"].items.isEmpty)

            // A state works once.
            let good = try await zoom.consent(try await zoom.authorizeURL(practitionerId: practitionerId, as: app.owner))
            #expect(try await zoom.returnFromZoom(good, as: app.owner).status == .ok)
            expectRefused(try await zoom.returnFromZoom(good, as: app.owner), "state used twice")

            let one = try await app.owner.get("/api/v1/practitioners/\(practitionerId)/connections")
            #expect(one.json["connections"].items.count == 1)

            // A stranger's try does not use up the owner's state: the owner's own return still works.
            let tried = try await zoom.consent(try await zoom.authorizeURL(practitionerId: practitionerId, as: app.owner))
            expectRefused(try await zoom.returnFromZoom(tried, as: admin), "state of another user, again")
            #expect(try await zoom.returnFromZoom(tried, as: app.owner).status == .ok, "the owner's state survived the stranger's try")
        }
    }

    @Test("a Zoom user bound to one practitioner cannot serve another; reconnecting the same practitioner works",
          arguments: TestDatabase.flavors)
    func oneAccountOnePractitioner(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let first = app.studio.practitioner.id
            let second = try await Self.practitioner("Bea", in: app)
            try await zoom.connectZoom(practitionerId: first, as: app.owner, user: ZoomApp.users[0])

            let taken = try await zoom.returnFromZoom(
                try await zoom.consent(try await zoom.authorizeURL(practitionerId: second, as: app.owner), user: ZoomApp.users[0]),
                as: app.owner)
            let reconnected = try await zoom.connectZoom(practitionerId: first, as: app.owner, user: ZoomApp.users[0])
            let other = try await zoom.connectZoom(practitionerId: second, as: app.owner, user: ZoomApp.users[1])

            #expect(taken.status == .conflict)
            #expect(taken.errorCode == "account_in_use")
            #expect(reconnected["label"].string?.contains(ZoomApp.users[0].email) == true)
            #expect(other["label"].string?.contains(ZoomApp.users[1].email) == true)
            let firstTools = try await app.owner.get("/api/v1/practitioners/\(first)/connections")
            let secondTools = try await app.owner.get("/api/v1/practitioners/\(second)/connections")
            #expect(firstTools.json["connections"].items.map { $0["id"] } == [reconnected["id"]])
            #expect(secondTools.json["connections"].items.map { $0["label"] } == [other["label"]])
        }
    }

    @Test("a connected Zoom becomes the default tool; a tool that is not connected is refused", arguments: TestDatabase.flavors)
    func defaultTool(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let path = "/api/v1/practitioners/\(app.studio.practitioner.id)/default-meeting-provider"

            let before = try await app.owner.put(path, ["provider": "zoom"])
            let unknown = try await app.owner.put(path, ["provider": "teams"])
            try await zoom.connectZoom(practitionerId: app.studio.practitioner.id, as: app.owner)
            let set = try await app.owner.put(path, ["provider": "zoom"])
            let tools = try await app.owner.get("/api/v1/practitioners/\(app.studio.practitioner.id)/connections")

            #expect(before.status == .badRequest)
            #expect(before.errorField == "provider")
            #expect(unknown.status == .badRequest)
            #expect(set.status == .ok)
            #expect(set.json["defaultProvider"] == "zoom")
            #expect(tools.json["defaultProvider"] == "zoom")
            #expect(tools.json["connections"][0]["isDefault"] == true)
        }
    }

    @Test("disconnecting deletes and revokes the tokens, clears the default, and the next booking gets no Zoom meeting",
          arguments: TestDatabase.flavors)
    func disconnect(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let practitionerId = app.studio.practitioner.id
            let user = ZoomApp.users[0]
            try await zoom.connectDefaultZoom(user: user)
            let service = try await zoom.providerService()
            _ = try await app.bookedId(service, at: app.opening(hour: 9))
            try await zoom.jobs.runDue()
            #expect(await zoom.zoom.meetingCount(userId: user.id) == 1)
            #expect(await zoom.zoom.hasLiveGrant(userId: user.id))
            let connectionId = try #require(
                try await app.owner.get("/api/v1/practitioners/\(practitionerId)/connections").json["connections"][0]["id"].string)

            let deleted = try await app.owner.send(.delete, "/api/v1/practitioners/\(practitionerId)/connections/zoom")
            let again = try await app.owner.send(.delete, "/api/v1/practitioners/\(practitionerId)/connections/zoom")
            _ = try await app.bookedId(service, at: app.opening(hour: 11), customer: "Alan")
            try await zoom.jobs.runDue()

            #expect(deleted.status == .noContent)
            #expect(again.status == .notFound)
            let row = try #require(try await Self.rows("connections", in: app.store).first { $0["id"] == connectionId })
            #expect(row["state"] == "disconnected")
            #expect(row["sealed_access_token"] == nil)
            #expect(row["sealed_refresh_token"] == nil)
            #expect(await zoom.zoom.hasLiveGrant(userId: user.id) == false)
            #expect(await zoom.zoom.requests().contains { $0.path == "/oauth/revoke" && $0.status == 200 })
            let tools = try await app.owner.get("/api/v1/practitioners/\(practitionerId)/connections")
            #expect(tools.json["connections"].items.isEmpty)
            #expect(tools.json["defaultProvider"].isNull)
            #expect(await zoom.zoom.meetingCount(userId: user.id) == 1)
            #expect(try await app.store.meetings.list(workspaceId: app.studio.workspace.id).count == 1)
        }
    }

    @Test("the sandbox connects with one click and gives the next booking a meeting served by Slotline",
          arguments: TestDatabase.flavors)
    func sandboxOneClick(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let practitionerId = app.studio.practitioner.id

            let connected = try await app.owner.post("/api/v1/practitioners/\(practitionerId)/connections/sandbox")
            try await zoom.setDefault("sandbox", practitionerId: practitionerId, as: app.owner)
            let id = try await app.bookedId(try await zoom.providerService(), at: app.opening())
            try await zoom.jobs.runDue()
            let detail = try await app.owner.get("/api/v1/bookings/\(id)")

            #expect(connected.status == .created)
            #expect(connected.json["provider"] == "sandbox")
            #expect(connected.json["state"] == "connected")
            #expect(!(connected.json["label"].string ?? "").isEmpty)
            #expect(detail.json["meeting"]["provider"] == "sandbox")
            #expect(detail.json["meeting"]["joinURL"].string?.hasPrefix("\(ZoomApp.publicURL)/sandbox/") == true)
            #expect(await zoom.zoom.requests().isEmpty, "the sandbox never calls Zoom")
        }
    }

    @Test("staff manage only their own practitioner's tools; owners and admins manage all", arguments: TestDatabase.flavors)
    func permissions(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let practitionerId = app.studio.practitioner.id
            let colleague = try await app.staff(role: .staff)
            let own = try await app.staff(role: .staff, practitionerId: practitionerId)
            let base = "/api/v1/practitioners/\(practitionerId)"

            let refused = [
                try await colleague.get("\(base)/connections"),
                try await colleague.post("\(base)/connections/zoom"),
                try await colleague.post("\(base)/connections/sandbox"),
                try await colleague.put("\(base)/default-meeting-provider", ["provider": "sandbox"]),
            ]
            let connected = try await zoom.connectZoom(practitionerId: practitionerId, as: own)
            let refusedDelete = try await colleague.send(.delete, "\(base)/connections/zoom")
            let ownDefault = try await own.put("\(base)/default-meeting-provider", ["provider": "zoom"])
            let other = try await Self.practitioner("Bea", in: app)
            let ownOnOther = try await own.post("/api/v1/practitioners/\(other)/connections/sandbox")
            let adminOnOther = try await app.staff(role: .admin).post("/api/v1/practitioners/\(other)/connections/sandbox")
            let ownDelete = try await own.send(.delete, "\(base)/connections/zoom")

            for response in refused + [refusedDelete, ownOnOther] {
                #expect(response.status == .forbidden, "\(response.text)")
                #expect(response.errorCode == "forbidden")
            }
            #expect(connected["label"].string?.contains(ZoomApp.users[0].email) == true)
            #expect(ownDefault.status == .ok)
            #expect(adminOnOther.status == .created)
            #expect(ownDelete.status == .noContent)
        }
    }

    @Test("no API answer and no log line holds a token through connect, a meeting, a refresh and a disconnect",
          arguments: TestDatabase.flavors)
    func tokensNeverShown(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let user = ZoomApp.users[0]
            try await zoom.connectDefaultZoom(user: user)
            let id = try await app.bookedId(try await zoom.providerService(), at: app.opening(hour: 9))
            try await zoom.jobs.runDue()
            await zoom.zoom.expireAccessTokens(userId: user.id)
            try await app.reschedule(id, to: app.opening(hour: 11))
            try await zoom.jobs.runDue()
            let detail = try await app.owner.get("/api/v1/bookings/\(id)")
            let tools = try await app.owner.get("/api/v1/practitioners/\(app.studio.practitioner.id)/connections")
            let audit = try await app.owner.get("/api/v1/audit")
            let deleted = try await app.owner.send(.delete, "/api/v1/practitioners/\(app.studio.practitioner.id)/connections/zoom")

            // The flow did what it says, so the scans below look at a real one.
            #expect(await zoom.zoom.refreshCount() == 1)
            #expect(detail.json["meeting"]["state"] == "created")
            #expect(detail.json["startsAt"].date == app.opening(hour: 11))
            #expect(await zoom.zoom.meetings(userId: user.id).first?.startTime == app.opening(hour: 11))
            #expect(tools.json["connections"][0]["state"] == "connected")
            #expect(audit.json["items"].items.isEmpty == false)
            #expect(deleted.status == .noContent)
            #expect(zoom.logs.text.contains("provider call"), "the provider clients' logs are captured")
            #expect(zoom.logs.text.contains("/oauth/token"))
            let secrets = await zoom.issuedTokens([user]) + [ZoomApp.client.clientSecret]
            #expect(secrets.count == 5, "two access tokens, two refresh tokens, the client secret")
            let logs = zoom.logs.text
            let answers = zoom.responses.text
            #expect(zoom.responses.count >= 9)
            for secret in secrets {
                #expect(!logs.contains(secret), "a log line holds \(secret.prefix(6))…")
                #expect(!answers.contains(secret), "an API answer holds \(secret.prefix(6))…")
            }
        }
    }

    // MARK: - Setup

    /// Another practitioner of the studio; returns its id.
    static func practitioner(_ name: String, in app: TestApp) async throws -> String {
        let practitioner = Practitioner(id: Secrets.newID(), workspaceId: app.studio.workspace.id, name: name, timeZone: "UTC",
                                        availability: app.studio.practitioner.availability)
        try await app.store.practitioners.save(practitioner, now: app.store.time.now())
        return practitioner.id
    }

    /// Every row of `table` as the database holds it, each non-null column read as text.
    static func rows(_ table: String, in store: Store) async throws -> [[String: String]] {
        try await store.database.read { db in
            try await db.raw("SELECT * FROM \(ident: table)").all().map { row in
                var values: [String: String] = [:]
                for column in row.allColumns {
                    // NULL fails both decodings and stays out.
                    if let text = try? row.decode(column: column, as: String.self) {
                        values[column] = text
                    } else if let number = try? row.decode(column: column, as: Int64.self) {
                        values[column] = String(number)
                    }
                }
                return values
            }
        }
    }
}
