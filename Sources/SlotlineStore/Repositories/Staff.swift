import Foundation
import SlotlineCore
import SQLKit

private typealias Users = StaffUserRecord.Columns
private typealias APIKeys = APIKeyTable.Columns
private typealias Sessions = SessionTable.Columns

/// Staff users and their credentials: password hashes, login sessions, API keys.
public struct Staff: Sendable {
    let database: Access

    public func create(_ user: StaffUser, passwordHash: String, now: Date) async throws {
        var user = user
        user.email = user.email.lowercased()
        let record = StaffUserRecord(user: user, passwordHash: passwordHash, createdAt: now)
        do {
            try await database.write { db in
                try await db.insert(into: StaffUserRecord.table).record(record).run()
            }
        } catch where Database.isUniqueViolation(error) {
            throw SlotlineError(.alreadyExists, field: "email")
        }
    }

    /// The user and password hash for a login attempt.
    public func credentials(workspaceId: String, email: String) async throws -> (StaffUser, passwordHash: String)? {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table)
                .where(Users.workspaceId, .equal, workspaceId).where(Users.email, .equal, email.lowercased())
                .first()?.record(StaffUserRecord.self)
        }.map { ($0.user, $0.passwordHash) }
    }

    /// Everyone with this email, in any workspace, with their password hashes: a sign-in that names
    /// no workspace.
    public func credentials(email: String) async throws -> [(StaffUser, passwordHash: String)] {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table).where(Users.email, .equal, email.lowercased())
                .orderBy(Users.createdAt).all().map { try $0.record(StaffUserRecord.self) }
        }.map { ($0.user, $0.passwordHash) }
    }

    public func list(workspaceId: String) async throws -> [StaffUser] {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table).where(Users.workspaceId, .equal, workspaceId)
                .orderBy(Users.createdAt).all().map { try $0.record(StaffUserRecord.self).user }
        }
    }

    /// Issues an API key; the plain token is returned once and only its hash is kept.
    public func createAPIKey(for user: StaffUser, name: String, now: Date) async throws -> String {
        let token = Secrets.token(prefix: "sk")
        try await database.write { db in
            try await db.insert(into: APIKeyTable.table)
                .columns(APIKeys.id, APIKeys.workspaceId, APIKeys.staffUserId, APIKeys.name, APIKeys.tokenHash, APIKeys.createdAt)
                .values(SQLBind(Secrets.newID()), SQLBind(user.workspaceId), SQLBind(user.id), SQLBind(name), SQLBind(Secrets.hash(token)),
                        SQLBind(now.unixSeconds))
                .run()
        }
        return token
    }

    public func user(apiKey token: String) async throws -> StaffUser? {
        try await database.read { db in
            try await Self.users(db, joining: APIKeyTable.table, on: APIKeys.staffUserId)
                .where(SQLColumn(APIKeys.tokenHash, table: APIKeyTable.table), .equal, SQLBind(Secrets.hash(token)))
                .where(SQLColumn(APIKeys.revokedAt, table: APIKeyTable.table), .is, SQLLiteral.null)
                .first()?.record(StaffUserRecord.self).user
        }
    }

    /// Starts a login session; the plain token goes into the cookie.
    public func createSession(for user: StaffUser, lifetime: TimeInterval, now: Date) async throws -> String {
        let token = Secrets.token(prefix: "ss")
        try await database.write { db in
            try await db.delete(from: SessionTable.table).where(Sessions.expiresAt, .lessThan, now.unixSeconds).run()
            try await db.insert(into: SessionTable.table)
                .columns(Sessions.tokenHash, Sessions.staffUserId, Sessions.expiresAt, Sessions.createdAt)
                .values(SQLBind(Secrets.hash(token)), SQLBind(user.id), SQLBind(now.addingTimeInterval(lifetime).unixSeconds),
                        SQLBind(now.unixSeconds))
                .run()
        }
        return token
    }

    public func user(session token: String, now: Date) async throws -> StaffUser? {
        try await database.read { db in
            try await Self.users(db, joining: SessionTable.table, on: Sessions.staffUserId)
                .where(SQLColumn(Sessions.tokenHash, table: SessionTable.table), .equal, SQLBind(Secrets.hash(token)))
                .where(SQLColumn(Sessions.expiresAt, table: SessionTable.table), .greaterThan, SQLBind(now.unixSeconds))
                .first()?.record(StaffUserRecord.self).user
        }
    }

    public func endSession(_ token: String) async throws {
        try await database.write { db in
            try await db.delete(from: SessionTable.table).where(Sessions.tokenHash, .equal, Secrets.hash(token)).run()
        }
    }

    /// The staff users' columns, joined to a credential table by its `staffUserColumn`.
    private static func users(_ db: any SQLDatabase, joining credentials: String, on staffUserColumn: String) -> SQLSelectBuilder {
        db.select().column(SQLColumn("*", table: StaffUserRecord.table)).from(StaffUserRecord.table)
            .join(credentials, on: SQLColumn(staffUserColumn, table: credentials), .equal, SQLColumn(Users.id, table: StaffUserRecord.table))
    }
}
