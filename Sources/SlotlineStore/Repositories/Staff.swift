import Foundation
import SlotlineCore
import SQLKit

/// Staff users and their credentials: password hashes, login sessions, API keys.
public struct Staff: Sendable {
    let database: Access

    public func create(_ user: StaffUser, passwordHash: String, now: Date) async throws {
        let record = StaffUserRecord(id: user.id, workspaceId: user.workspaceId, email: user.email.lowercased(),
                                     name: user.name, role: user.role.rawValue, passwordHash: passwordHash,
                                     practitionerId: user.practitionerId, createdAt: now.unixSeconds)
        do {
            try await database.write { db in
                try await db.insert(into: StaffUserRecord.table).model(record, with: Row.encoder).run()
            }
        } catch where Database.isUniqueViolation(error) {
            throw SlotlineError(.alreadyExists, field: "email")
        }
    }

    /// The user and password hash for a login attempt.
    public func credentials(workspaceId: String, email: String) async throws -> (StaffUser, passwordHash: String)? {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table)
                .where("workspace_id", .equal, workspaceId).where("email", .equal, email.lowercased())
                .first()?.decode(StaffUserRecord.self)
        }.map { ($0.model, $0.passwordHash) }
    }

    public func list(workspaceId: String) async throws -> [StaffUser] {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table).where("workspace_id", .equal, workspaceId)
                .orderBy("created_at").all().map { try $0.decode(StaffUserRecord.self).model }
        }
    }

    /// Issues an API key; the plain token is returned once and only its hash is kept.
    public func createAPIKey(for user: StaffUser, name: String, now: Date) async throws -> String {
        let token = Secrets.token(prefix: "sk")
        let record = APIKeyRecord(id: Secrets.newID(), workspaceId: user.workspaceId, staffUserId: user.id, name: name,
                                  tokenHash: Secrets.hash(token), createdAt: now.unixSeconds, revokedAt: nil)
        try await database.write { db in
            try await db.insert(into: APIKeyRecord.table).model(record, with: Row.encoder).run()
        }
        return token
    }

    public func user(apiKey token: String) async throws -> StaffUser? {
        try await database.read { db in
            try await db.raw("""
                SELECT u.* FROM staff_users u JOIN api_keys k ON k.staff_user_id = u.id
                WHERE k.token_hash = \(bind: Secrets.hash(token)) AND k.revoked_at IS NULL
                """).first()?.decode(StaffUserRecord.self).model
        }
    }

    /// Starts a login session; the plain token goes into the cookie.
    public func createSession(for user: StaffUser, lifetime: TimeInterval, now: Date) async throws -> String {
        let token = Secrets.token(prefix: "ss")
        let record = SessionRecord(tokenHash: Secrets.hash(token), staffUserId: user.id,
                                   expiresAt: now.addingTimeInterval(lifetime).unixSeconds, createdAt: now.unixSeconds)
        try await database.write { db in
            try await db.delete(from: SessionRecord.table).where("expires_at", .lessThan, now.unixSeconds).run()
            try await db.insert(into: SessionRecord.table).model(record, with: Row.encoder).run()
        }
        return token
    }

    public func user(session token: String, now: Date) async throws -> StaffUser? {
        try await database.read { db in
            try await db.raw("""
                SELECT u.* FROM staff_users u JOIN sessions s ON s.staff_user_id = u.id
                WHERE s.token_hash = \(bind: Secrets.hash(token)) AND s.expires_at > \(bind: now.unixSeconds)
                """).first()?.decode(StaffUserRecord.self).model
        }
    }

    public func endSession(_ token: String) async throws {
        try await database.write { db in
            try await db.delete(from: SessionRecord.table).where("token_hash", .equal, Secrets.hash(token)).run()
        }
    }
}
