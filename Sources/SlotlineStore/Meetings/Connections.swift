import Foundation
import SlotlineCore
import SQLKit

/// Provider connections and their sealed tokens. A refresh of one connection is serialised across
/// processes by a lease on its row, so a rotating refresh token is never used twice.
public struct Connections: Sendable {
    let database: Access
    let time: TimeSource

    /// Binds a provider account to a practitioner, replacing that practitioner's earlier connection
    /// to the same provider (whose sealed tokens come back, to be revoked). Refused when the account
    /// serves another practitioner.
    public func connect(workspaceId: String, practitionerId: String, provider: ProviderKind, externalUserId: String, label: String,
                        scope: String, tokens: SealedTokens) async throws -> (Connection, replaced: [SealedTokens]) {
        let now = time.now()
        do {
            return try await database.write { db in
                let live = try await db.select().column("*").from(ConnectionRecord.table)
                    .where("provider", .equal, provider.rawValue).where("external_user_id", .equal, externalUserId)
                    .where("state", .notEqual, Connection.State.disconnected.rawValue)
                    .all().map { try $0.decode(ConnectionRecord.self) }
                if live.contains(where: { $0.practitionerId != practitionerId || $0.workspaceId != workspaceId }) {
                    throw SlotlineError(.accountInUse, field: provider.rawValue)
                }
                let replaced = try await db.select().column("*").from(ConnectionRecord.table)
                    .where("practitioner_id", .equal, practitionerId).where("provider", .equal, provider.rawValue)
                    .where("state", .notEqual, Connection.State.disconnected.rawValue)
                    .all().compactMap { row -> SealedTokens? in
                        let record = try row.decode(ConnectionRecord.self)
                        return record.sealedAccessToken.map { SealedTokens(access: $0, refresh: record.sealedRefreshToken, accessExpiresAt: nil) }
                    }
                try await db.update(ConnectionRecord.table)
                    .set("state", to: Connection.State.disconnected.rawValue)
                    .set("sealed_access_token", to: SQLLiteral.null).set("sealed_refresh_token", to: SQLLiteral.null)
                    .set("updated_at", to: now.unixSeconds)
                    .where("practitioner_id", .equal, practitionerId).where("provider", .equal, provider.rawValue)
                    .where("state", .notEqual, Connection.State.disconnected.rawValue).run()
                let record = ConnectionRecord(
                    id: Secrets.newID(), workspaceId: workspaceId, practitionerId: practitionerId, provider: provider.rawValue,
                    externalUserId: externalUserId, label: label, state: Connection.State.connected.rawValue,
                    sealedAccessToken: tokens.access, sealedRefreshToken: tokens.refresh,
                    accessExpiresAt: tokens.accessExpiresAt?.unixSeconds, scope: scope, refreshLockedBy: nil, refreshLockedUntil: nil,
                    createdAt: now.unixSeconds, updatedAt: now.unixSeconds)
                try await db.insert(into: ConnectionRecord.table).model(record, with: Row.encoder).run()
                return (record.model, replaced)
            }
        } catch where Database.isUniqueViolation(error) {
            // Another practitioner bound the account at the same moment.
            throw SlotlineError(.accountInUse, field: provider.rawValue)
        }
    }

    public func list(practitionerId: String, workspaceId: String) async throws -> [Connection] {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table)
                .where("practitioner_id", .equal, practitionerId).where("workspace_id", .equal, workspaceId)
                .where("state", .notEqual, Connection.State.disconnected.rawValue)
                .orderBy("created_at").all().map { try $0.decode(ConnectionRecord.self).model }
        }
    }

    public func find(id: String) async throws -> Connection? {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table).where("id", .equal, id)
                .first()?.decode(ConnectionRecord.self).model
        }
    }

    /// The practitioner's live connection to `provider`, if any.
    public func live(practitionerId: String, provider: ProviderKind) async throws -> Connection? {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table)
                .where("practitioner_id", .equal, practitionerId).where("provider", .equal, provider.rawValue)
                .where("state", .notEqual, Connection.State.disconnected.rawValue)
                .first()?.decode(ConnectionRecord.self).model
        }
    }

    public func tokens(id: String) async throws -> SealedTokens? {
        try await database.read { db in
            guard let record = try await db.select().column("*").from(ConnectionRecord.table).where("id", .equal, id)
                .first()?.decode(ConnectionRecord.self), record.state == Connection.State.connected.rawValue,
                let access = record.sealedAccessToken else { return nil }
            return SealedTokens(access: access, refresh: record.sealedRefreshToken,
                                accessExpiresAt: record.accessExpiresAt.map(Date.init(unixSeconds:)))
        }
    }

    /// Takes the refresh lease of a connection for `holder` until `until`; false while another holds it.
    public func acquireRefreshLease(id: String, holder: String, until: Date) async throws -> Bool {
        let now = time.now().unixSeconds
        return try await database.write { db in
            let taken = try await db.update(ConnectionRecord.table)
                .set("refresh_locked_by", to: holder).set("refresh_locked_until", to: until.unixSeconds)
                .where("id", .equal, id)
                .where { $0.where("refresh_locked_until", .is, SQLLiteral.null).orWhere("refresh_locked_until", .lessThan, now)
                    .orWhere("refresh_locked_by", .equal, holder) }
                .returning("id").all()
            return !taken.isEmpty
        }
    }

    /// Stores refreshed tokens and gives the lease back, in one step.
    public func storeRefreshed(id: String, holder: String, tokens: SealedTokens) async throws {
        let now = time.now().unixSeconds
        try await database.write { db in
            try await db.update(ConnectionRecord.table)
                .set("sealed_access_token", to: tokens.access).set("sealed_refresh_token", to: tokens.refresh)
                .set("access_expires_at", to: tokens.accessExpiresAt?.unixSeconds)
                .set("refresh_locked_by", to: SQLLiteral.null).set("refresh_locked_until", to: SQLLiteral.null)
                .set("updated_at", to: now)
                .where("id", .equal, id).where("refresh_locked_by", .equal, holder)
                .where("state", .equal, Connection.State.connected.rawValue).run()
        }
    }

    public func releaseRefreshLease(id: String, holder: String) async throws {
        try await database.write { db in
            try await db.update(ConnectionRecord.table)
                .set("refresh_locked_by", to: SQLLiteral.null).set("refresh_locked_until", to: SQLLiteral.null)
                .where("id", .equal, id).where("refresh_locked_by", .equal, holder).run()
        }
    }

    /// The provider refused the grant: keep the row (staff must see it) but no tokens.
    public func markNeedsReconnect(id: String) async throws {
        try await setState(.needsReconnect, where: { $0.where("id", .equal, id) })
    }

    /// Forgets the tokens and stops new meetings. Returns the sealed tokens so the caller can revoke them.
    @discardableResult
    public func disconnect(id: String, workspaceId: String) async throws -> SealedTokens? {
        try await database.write { db in
            guard let record = try await db.select().column("*").from(ConnectionRecord.table)
                .where("id", .equal, id).where("workspace_id", .equal, workspaceId).first()?.decode(ConnectionRecord.self) else {
                throw SlotlineError.notFound("connection")
            }
            try await Self.clear(.disconnected, in: db, now: time.now()) { $0.where("id", .equal, id) }
            return record.sealedAccessToken.map {
                SealedTokens(access: $0, refresh: record.sealedRefreshToken, accessExpiresAt: record.accessExpiresAt.map(Date.init(unixSeconds:)))
            }
        }
    }

    /// The provider says its user removed the app: forget that user's tokens everywhere. Returns how many connections ended.
    @discardableResult
    public func disconnect(provider: ProviderKind, externalUserId: String) async throws -> Int {
        try await database.write { db in
            let ids = try await db.select().column("id").from(ConnectionRecord.table)
                .where("provider", .equal, provider.rawValue).where("external_user_id", .equal, externalUserId)
                .where("state", .notEqual, Connection.State.disconnected.rawValue)
                .all().map { try $0.decode(column: "id", as: String.self) }
            guard !ids.isEmpty else { return 0 }
            try await Self.clear(.disconnected, in: db, now: time.now()) { $0.where("id", .in, ids) }
            // As a disconnect does: the removed account is no one's default tool any more.
            let practitioners = try await db.select().column("practitioner_id").from(ConnectionRecord.table).where("id", .in, ids)
                .all().compactMap { try $0.decode(column: "practitioner_id", as: String?.self) }
            if !practitioners.isEmpty {
                try await db.update(PractitionerRecord.table).set("default_meeting_provider", to: SQLLiteral.null)
                    .where("id", .in, practitioners).where("default_meeting_provider", .equal, provider.rawValue).run()
            }
            return ids.count
        }
    }

    // MARK: - Default tool

    public func defaultProvider(practitionerId: String) async throws -> ProviderKind? {
        try await database.read { db in
            try await db.select().column("default_meeting_provider").from(PractitionerRecord.table).where("id", .equal, practitionerId)
                .first()?.decode(column: "default_meeting_provider", as: String?.self).map(ProviderKind.init(rawValue:))
        }
    }

    public func setDefaultProvider(_ provider: ProviderKind?, practitionerId: String, workspaceId: String) async throws {
        try await database.write { db in
            try await db.update(PractitionerRecord.table).set("default_meeting_provider", to: provider?.rawValue)
                .where("id", .equal, practitionerId).where("workspace_id", .equal, workspaceId).run()
        }
    }

    // MARK: - OAuth states

    public func saveState(_ state: OAuthState) async throws {
        let record = OAuthStateRecord(state: state.state, workspaceId: state.workspaceId, practitionerId: state.practitionerId,
                                      staffUserId: state.staffUserId, provider: state.provider.rawValue, sealedVerifier: state.sealedVerifier,
                                      redirectURI: state.redirectURI, expiresAt: state.expiresAt.unixSeconds)
        let now = time.now().unixSeconds
        try await database.write { db in
            try await db.delete(from: OAuthStateRecord.table).where("expires_at", .lessThan, now).run()
            try await db.insert(into: OAuthStateRecord.table).model(record, with: Row.encoder).run()
        }
    }

    /// The state, removed so it cannot be used twice; nil when unknown or expired.
    /// Uses up a state of `staffUserId` for `provider`, once. A state brought back by anyone else
    /// (or for another provider) is left alone, so it cannot spoil the real user's return.
    public func takeState(_ state: String, staffUserId: String, provider: ProviderKind) async throws -> OAuthState? {
        let now = time.now()
        return try await database.write { db in
            guard let record = try await db.select().column("*").from(OAuthStateRecord.table).where("state", .equal, state)
                .where("staff_user_id", .equal, staffUserId).where("provider", .equal, provider.rawValue)
                .first()?.decode(OAuthStateRecord.self) else { return nil }
            try await db.delete(from: OAuthStateRecord.table).where("state", .equal, state).run()
            guard record.expiresAt > now.unixSeconds else { return nil }
            return OAuthState(state: record.state, workspaceId: record.workspaceId, practitionerId: record.practitionerId,
                              staffUserId: record.staffUserId, provider: ProviderKind(rawValue: record.provider), sealedVerifier: record.sealedVerifier,
                              redirectURI: record.redirectURI, expiresAt: Date(unixSeconds: record.expiresAt))
        }
    }

    // MARK: -

    private func setState(_ state: Connection.State, where filter: @escaping (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        let now = time.now()
        try await database.write { db in try await Self.clear(state, in: db, now: now, filter) }
    }

    private static func clear(_ state: Connection.State, in db: any SQLDatabase, now: Date,
                              _ filter: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        try await filter(db.update(ConnectionRecord.table)
            .set("state", to: state.rawValue)
            .set("sealed_access_token", to: SQLLiteral.null).set("sealed_refresh_token", to: SQLLiteral.null)
            .set("access_expires_at", to: SQLLiteral.null)
            .set("refresh_locked_by", to: SQLLiteral.null).set("refresh_locked_until", to: SQLLiteral.null)
            .set("updated_at", to: now.unixSeconds)).run()
    }
}
