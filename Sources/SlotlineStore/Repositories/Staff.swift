import Foundation
import SlotlineCore
import SQLKit

private typealias Users = StaffUserRecord.Columns
private typealias APIKeys = APIKeyTable.Columns
private typealias Sessions = SessionTable.Columns
private typealias Links = StaffLinkTable.Columns

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
                .where(Users.active, .equal, SQLBind(true))
                .first()?.record(StaffUserRecord.self)
        }.map { ($0.user, $0.passwordHash) }
    }

    /// Everyone with this email, in any workspace, with their password hashes: a sign-in that names
    /// no workspace.
    public func credentials(email: String) async throws -> [(StaffUser, passwordHash: String)] {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table).where(Users.email, .equal, email.lowercased())
                .where(Users.active, .equal, SQLBind(true))
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
                .where(SQLColumn(Users.active, table: StaffUserRecord.table), .equal, SQLBind(true))
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
                .where(SQLColumn(Users.active, table: StaffUserRecord.table), .equal, SQLBind(true))
                .first()?.record(StaffUserRecord.self).user
        }
    }

    public func endSession(_ token: String) async throws {
        try await database.write { db in
            try await db.delete(from: SessionTable.table).where(Sessions.tokenHash, .equal, Secrets.hash(token)).run()
        }
    }

    /// The staff users' columns, joined to a credential table by its `staffUserColumn`.
    public func find(id: String, workspaceId: String) async throws -> StaffUser? {
        try await database.read { db in
            try await db.select().column("*").from(StaffUserRecord.table).where(Users.id, .equal, id).where(Users.workspaceId, .equal, workspaceId)
                .first()?.record(StaffUserRecord.self).user
        }
    }

    /// Saves a member's name, role, practitioner and whether they are active; deactivating ends their sessions.
    public func update(_ user: StaffUser) async throws {
        try await database.write { db in
            try await db.update(StaffUserRecord.table)
                .set(Users.name, to: user.name).set(Users.role, to: user.role.rawValue)
                .set(Users.practitionerId, to: user.practitionerId).set(Users.active, to: user.active)
                .where(Users.id, .equal, user.id).where(Users.workspaceId, .equal, user.workspaceId).run()
            if !user.active { try await db.delete(from: SessionTable.table).where(Sessions.staffUserId, .equal, user.id).run() }
        }
    }

    /// A new password ends every session of the member: whoever knew the old one is signed out.
    public func setPassword(userId: String, hash: String) async throws {
        try await database.write { db in
            try await db.update(StaffUserRecord.table).set(Users.passwordHash, to: hash).where(Users.id, .equal, userId).run()
            try await db.delete(from: SessionTable.table).where(Sessions.staffUserId, .equal, userId).run()
        }
    }

    /// One API key as the settings page lists it (never its token).
    public struct APIKeyInfo: Sendable {
        public let id: String
        public let name: String
        public let staffUserId: String
        public let createdAt: Date
        public let revokedAt: Date?
    }

    public func apiKeys(workspaceId: String) async throws -> [APIKeyInfo] {
        try await database.read { db in
            try await db.select().columns(APIKeys.id, APIKeys.name, APIKeys.staffUserId, APIKeys.createdAt, APIKeys.revokedAt)
                .from(APIKeyTable.table).where(APIKeys.workspaceId, .equal, workspaceId).orderBy(APIKeys.createdAt, .descending)
                .all().map { row in
                    APIKeyInfo(id: try row.decode(column: APIKeys.id, as: String.self), name: try row.decode(column: APIKeys.name, as: String.self),
                               staffUserId: try row.decode(column: APIKeys.staffUserId, as: String.self),
                               createdAt: Date(timeIntervalSince1970: Double(try row.decode(column: APIKeys.createdAt, as: Int64.self))),
                               revokedAt: try row.decode(column: APIKeys.revokedAt, as: Int64?.self).map { Date(timeIntervalSince1970: Double($0)) })
                }
        }
    }

    /// Revokes a key of the workspace; false when there is no such key.
    public func revokeAPIKey(id: String, workspaceId: String, now: Date) async throws -> Bool {
        try await database.write { db in
            let found = try await db.select().column(APIKeys.id).from(APIKeyTable.table).where(APIKeys.id, .equal, id)
                .where(APIKeys.workspaceId, .equal, workspaceId).first() != nil
            try await db.update(APIKeyTable.table).set(APIKeys.revokedAt, to: now.unixSeconds)
                .where(APIKeys.id, .equal, id).where(APIKeys.workspaceId, .equal, workspaceId).where(APIKeys.revokedAt, .is, SQLLiteral.null).run()
            return found
        }
    }

    /// What a one-time link lets its holder do.
    public enum LinkPurpose: String, Sendable { case invite, reset }

    /// A one-time link for `userId`; the plain token goes into the emailed URL, only its hash is kept.
    public func createLink(userId: String, purpose: LinkPurpose, lifetime: TimeInterval, now: Date) async throws -> String {
        let token = Secrets.token(prefix: purpose == .invite ? "iv" : "pw")
        try await database.write { db in
            try await db.insert(into: StaffLinkTable.table)
                .columns(Links.tokenHash, Links.staffUserId, Links.purpose, Links.expiresAt, Links.createdAt)
                .values(SQLBind(Secrets.hash(token)), SQLBind(userId), SQLBind(purpose.rawValue), SQLBind(now.addingTimeInterval(lifetime).unixSeconds),
                        SQLBind(now.unixSeconds))
                .run()
        }
        return token
    }

    /// The member a link is for, if it is unused and fresh; `consume` marks it used (once only,
    /// even when two requests race).
    public func link(_ token: String, purpose: LinkPurpose, now: Date, consume: Bool) async throws -> StaffUser? {
        try await database.write { db in
            let user = try await Self.users(db, joining: StaffLinkTable.table, on: Links.staffUserId)
                .where(SQLColumn(Links.tokenHash, table: StaffLinkTable.table), .equal, SQLBind(Secrets.hash(token)))
                .where(SQLColumn(Links.purpose, table: StaffLinkTable.table), .equal, SQLBind(purpose.rawValue))
                .where(SQLColumn(Links.usedAt, table: StaffLinkTable.table), .is, SQLLiteral.null)
                .where(SQLColumn(Links.expiresAt, table: StaffLinkTable.table), .greaterThan, SQLBind(now.unixSeconds))
                .where(SQLColumn(Users.active, table: StaffUserRecord.table), .equal, SQLBind(true))
                .first()?.record(StaffUserRecord.self).user
            guard let user, consume else { return user }
            let used = try await db.update(StaffLinkTable.table).set(Links.usedAt, to: now.unixSeconds)
                .where(Links.tokenHash, .equal, Secrets.hash(token)).where(Links.usedAt, .is, SQLLiteral.null)
                .returning(Links.tokenHash).all()
            return used.isEmpty ? nil : user
        }
    }

    private static func users(_ db: any SQLDatabase, joining credentials: String, on staffUserColumn: String) -> SQLSelectBuilder {
        db.select().column(SQLColumn("*", table: StaffUserRecord.table)).from(StaffUserRecord.table)
            .join(credentials, on: SQLColumn(staffUserColumn, table: credentials), .equal, SQLColumn(Users.id, table: StaffUserRecord.table))
    }
}
