import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// Staff users, API keys and login sessions.
@Suite struct StaffCredentialTests {
    func owner(of studio: Studio, email: String = "Owner@Example.com") -> StaffUser {
        StaffUser(id: Secrets.newID(), workspaceId: studio.workspace.id, email: email, name: "Olga", role: .owner,
                  practitionerId: studio.practitioner.id)
    }

    @Test(arguments: TestDatabase.flavors)
    func aStaffUserLogsInWithAnyCaseOfTheirEmail(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let user = owner(of: studio)
            try await store.staff.create(user, passwordHash: "$2b$12$hash", now: testNow)

            let found = try await store.staff.credentials(workspaceId: studio.workspace.id, email: "OWNER@example.COM")

            var expected = user
            expected.email = "owner@example.com"
            #expect(found?.0 == expected)
            #expect(found?.passwordHash == "$2b$12$hash")
            #expect(try await store.staff.list(workspaceId: studio.workspace.id) == [expected])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aSecondUserWithTheSameEmailIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            try await store.staff.create(owner(of: studio), passwordHash: "x", now: testNow)

            let error = await #expect(throws: SlotlineError.self) {
                try await store.staff.create(owner(of: studio, email: "owner@example.com"), passwordHash: "y", now: testNow)
            }

            #expect(error?.code == .alreadyExists)
            #expect(error?.field == "email")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anAPIKeyFindsItsUserAndIsStoredOnlyAsAHash(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let user = owner(of: studio, email: "owner@example.com")
            try await store.staff.create(user, passwordHash: "x", now: testNow)

            let token = try await store.staff.createAPIKey(for: user, name: "CI", now: testNow)

            #expect(try await store.staff.user(apiKey: token) == user)
            #expect(try await store.staff.user(apiKey: token + "x") == nil)
            let rows = try await store.database.read { db in try await db.raw("SELECT * FROM api_keys").all() }
            #expect(rows.count == 1)
            let texts = try ["id", "workspace_id", "staff_user_id", "name", "token_hash"].map { try rows[0].decode(column: $0, as: String.self) }
            #expect(!texts.contains { $0.contains(token) })
            #expect(try rows[0].decode(column: "token_hash", as: String.self) == Secrets.hash(token))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aSessionEndsWhenItExpires(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let user = owner(of: studio, email: "owner@example.com")
            try await store.staff.create(user, passwordHash: "x", now: testNow)

            let token = try await store.staff.createSession(for: user, lifetime: 3600, now: testNow)

            #expect(try await store.staff.user(session: token, now: testNow.addingTimeInterval(3599)) == user)
            #expect(try await store.staff.user(session: token, now: testNow.addingTimeInterval(3600)) == nil)
            #expect(try await store.count("sessions") == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aSessionEndsAtLogout(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let user = owner(of: studio, email: "owner@example.com")
            try await store.staff.create(user, passwordHash: "x", now: testNow)
            let token = try await store.staff.createSession(for: user, lifetime: 3600, now: testNow)

            try await store.staff.endSession(token)

            #expect(try await store.staff.user(session: token, now: testNow) == nil)
            #expect(try await store.count("sessions") == 0)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func startingASessionSweepsExpiredOnes(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, _ in
            let user = owner(of: studio, email: "owner@example.com")
            try await store.staff.create(user, passwordHash: "x", now: testNow)
            _ = try await store.staff.createSession(for: user, lifetime: 60, now: testNow)

            let fresh = try await store.staff.createSession(for: user, lifetime: 60, now: testNow.addingTimeInterval(120))

            #expect(try await store.count("sessions") == 1)
            #expect(try await store.staff.user(session: fresh, now: testNow.addingTimeInterval(120)) == user)
        }
    }
}
