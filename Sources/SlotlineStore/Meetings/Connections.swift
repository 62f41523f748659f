import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = ConnectionRecord.Columns
private typealias States = OAuthState.Columns
private typealias PractitionerColumns = PractitionerRecord.Columns

/// Provider connections and their sealed tokens. A refresh of one connection is serialised across
/// processes by a lease on its row, so a rotating refresh token is never used twice.
public struct Connections: Sendable {
    let database: Access
    let time: TimeSource

    /// Binds a provider account to a practitioner, replacing that practitioner's earlier connection
    /// to the same provider (whose sealed tokens come back, to be revoked); or, without a practitioner,
    /// to the workspace pool, replacing the pool's earlier connection of the same account. Refused
    /// when the account serves another practitioner, the pool, or another workspace.
    public func connect(workspaceId: String, practitionerId: String?, provider: ProviderKind, externalUserId: String, label: String,
                        scope: String, tokens: SealedTokens) async throws -> (Connection, replaced: [SealedTokens]) {
        let now = time.now()
        do {
            return try await database.write { db in
                let live = try await db.select().column("*").from(ConnectionRecord.table)
                    .where(Columns.provider, .equal, provider.rawValue).where(Columns.externalUserId, .equal, externalUserId)
                    .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                    .all().map { try $0.record(ConnectionRecord.self).connection }
                if live.contains(where: { $0.practitionerId != practitionerId || $0.workspaceId != workspaceId }) {
                    throw SlotlineError(.accountInUse, field: provider.rawValue)
                }
                // A practitioner's earlier connection to the provider, or the pool's to the same account.
                let previous = { (query: SQLSelectBuilder) -> SQLSelectBuilder in
                    guard let practitionerId else {
                        return query.where(Columns.workspaceId, .equal, workspaceId).where(Columns.practitionerId, .is, SQLLiteral.null)
                            .where(Columns.externalUserId, .equal, externalUserId)
                    }
                    return query.where(Columns.practitionerId, .equal, practitionerId)
                }
                let replaced = try await previous(db.select().column("*").from(ConnectionRecord.table))
                    .where(Columns.provider, .equal, provider.rawValue)
                    .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                    .all().compactMap { row -> SealedTokens? in
                        guard var tokens = try row.record(ConnectionRecord.self).tokens else { return nil }
                        tokens.accessExpiresAt = nil
                        return tokens
                    }
                let stale = try await previous(db.select().column(Columns.id).from(ConnectionRecord.table))
                    .where(Columns.provider, .equal, provider.rawValue)
                    .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                    .all().map { try $0.decode(column: Columns.id, as: String.self) }
                if !stale.isEmpty {
                    try await db.update(ConnectionRecord.table)
                        .set(Columns.state, to: Connection.State.disconnected.rawValue)
                        .set(Columns.sealedAccessToken, to: SQLLiteral.null).set(Columns.sealedRefreshToken, to: SQLLiteral.null)
                        .set(Columns.updatedAt, to: now.unixSeconds)
                        .where(Columns.id, .in, stale).run()
                }
                let connection = Connection(id: Secrets.newID(), workspaceId: workspaceId, practitionerId: practitionerId,
                                            provider: provider, externalUserId: externalUserId, label: label, state: .connected,
                                            scope: scope, createdAt: now, updatedAt: now)
                let record = ConnectionRecord(connection: connection, sealedAccessToken: tokens.access,
                                              sealedRefreshToken: tokens.refresh, accessExpiresAt: tokens.accessExpiresAt)
                try await db.insert(into: ConnectionRecord.table).record(record).run()
                return (connection, replaced)
            }
        } catch where Database.isUniqueViolation(error) {
            // Another practitioner bound the account at the same moment.
            throw SlotlineError(.accountInUse, field: provider.rawValue)
        }
    }

    public func list(practitionerId: String, workspaceId: String) async throws -> [Connection] {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table)
                .where(Columns.practitionerId, .equal, practitionerId).where(Columns.workspaceId, .equal, workspaceId)
                .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                .orderBy(Columns.createdAt).all().map { try $0.record(ConnectionRecord.self).connection }
        }
    }

    public func find(id: String) async throws -> Connection? {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table).where(Columns.id, .equal, id)
                .first()?.record(ConnectionRecord.self).connection
        }
    }

    /// The practitioner's live connection to `provider`, if any.
    public func live(practitionerId: String, provider: ProviderKind) async throws -> Connection? {
        try await database.read { db in
            try await db.select().column("*").from(ConnectionRecord.table)
                .where(Columns.practitionerId, .equal, practitionerId).where(Columns.provider, .equal, provider.rawValue)
                .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                .first()?.record(ConnectionRecord.self).connection
        }
    }

    public func tokens(id: String) async throws -> SealedTokens? {
        try await database.read { db in
            guard let record = try await db.select().column("*").from(ConnectionRecord.table).where(Columns.id, .equal, id)
                .first()?.record(ConnectionRecord.self), record.connection.state == .connected else { return nil }
            return record.tokens
        }
    }

    /// Takes the refresh lease of a connection for `holder` until `until`; false while another holds it.
    public func acquireRefreshLease(id: String, holder: String, until: Date) async throws -> Bool {
        let now = time.now().unixSeconds
        return try await database.write { db in
            let taken = try await db.update(ConnectionRecord.table)
                .set(Columns.refreshLockedBy, to: holder).set(Columns.refreshLockedUntil, to: until.unixSeconds)
                .where(Columns.id, .equal, id)
                .where { $0.where(Columns.refreshLockedUntil, .is, SQLLiteral.null).orWhere(Columns.refreshLockedUntil, .lessThan, now)
                    .orWhere(Columns.refreshLockedBy, .equal, holder) }
                .returning(Columns.id).all()
            return !taken.isEmpty
        }
    }

    /// Stores refreshed tokens and gives the lease back, in one step.
    public func storeRefreshed(id: String, holder: String, tokens: SealedTokens) async throws {
        let now = time.now().unixSeconds
        try await database.write { db in
            try await db.update(ConnectionRecord.table)
                .set(Columns.sealedAccessToken, to: tokens.access).set(Columns.sealedRefreshToken, to: tokens.refresh)
                .set(Columns.accessExpiresAt, to: tokens.accessExpiresAt?.unixSeconds)
                .set(Columns.refreshLockedBy, to: SQLLiteral.null).set(Columns.refreshLockedUntil, to: SQLLiteral.null)
                .set(Columns.updatedAt, to: now)
                .where(Columns.id, .equal, id).where(Columns.refreshLockedBy, .equal, holder)
                .where(Columns.state, .equal, Connection.State.connected.rawValue).run()
        }
    }

    public func releaseRefreshLease(id: String, holder: String) async throws {
        try await database.write { db in
            try await db.update(ConnectionRecord.table)
                .set(Columns.refreshLockedBy, to: SQLLiteral.null).set(Columns.refreshLockedUntil, to: SQLLiteral.null)
                .where(Columns.id, .equal, id).where(Columns.refreshLockedBy, .equal, holder).run()
        }
    }

    /// The provider refused the grant: keep the row (staff must see it) but no tokens.
    public func markNeedsReconnect(id: String) async throws {
        try await setState(.needsReconnect, where: { $0.where(Columns.id, .equal, id) })
    }

    /// Forgets the tokens and stops new meetings. Returns the sealed tokens so the caller can revoke them.
    @discardableResult
    public func disconnect(id: String, workspaceId: String) async throws -> SealedTokens? {
        try await database.write { db in
            guard let record = try await db.select().column("*").from(ConnectionRecord.table)
                .where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
                .first()?.record(ConnectionRecord.self) else {
                throw SlotlineError.notFound("connection")
            }
            try await Self.clear(.disconnected, in: db, now: time.now()) { $0.where(Columns.id, .equal, id) }
            return record.tokens
        }
    }

    /// The provider says its user removed the app: forget that user's tokens everywhere. Returns how many connections ended.
    @discardableResult
    public func disconnect(provider: ProviderKind, externalUserId: String) async throws -> Int {
        try await database.write { db in
            let ids = try await db.select().column(Columns.id).from(ConnectionRecord.table)
                .where(Columns.provider, .equal, provider.rawValue).where(Columns.externalUserId, .equal, externalUserId)
                .where(Columns.state, .notEqual, Connection.State.disconnected.rawValue)
                .all().map { try $0.decode(column: Columns.id, as: String.self) }
            guard !ids.isEmpty else { return 0 }
            try await Self.clear(.disconnected, in: db, now: time.now()) { $0.where(Columns.id, .in, ids) }
            // As a disconnect does: the removed account is no one's default tool any more.
            let practitioners = try await db.select().column(Columns.practitionerId).from(ConnectionRecord.table)
                .where(Columns.id, .in, ids)
                .all().compactMap { try $0.decode(column: Columns.practitionerId, as: String?.self) }
            if !practitioners.isEmpty {
                try await db.update(PractitionerRecord.table).set(PractitionerColumns.defaultMeetingProvider, to: SQLLiteral.null)
                    .where(PractitionerColumns.id, .in, practitioners)
                    .where(PractitionerColumns.defaultMeetingProvider, .equal, provider.rawValue).run()
            }
            return ids.count
        }
    }

    // MARK: - Default tool

    public func defaultProvider(practitionerId: String) async throws -> ProviderKind? {
        try await database.read { db in
            try await db.select().column(PractitionerColumns.defaultMeetingProvider).from(PractitionerRecord.table)
                .where(PractitionerColumns.id, .equal, practitionerId)
                .first()?.decode(column: PractitionerColumns.defaultMeetingProvider, as: String?.self).map(ProviderKind.init(rawValue:))
        }
    }

    public func setDefaultProvider(_ provider: ProviderKind?, practitionerId: String, workspaceId: String) async throws {
        try await database.write { db in
            try await db.update(PractitionerRecord.table).set(PractitionerColumns.defaultMeetingProvider, to: provider?.rawValue)
                .where(PractitionerColumns.id, .equal, practitionerId).where(PractitionerColumns.workspaceId, .equal, workspaceId)
                .run()
        }
    }

    // MARK: - OAuth states

    public func saveState(_ state: OAuthState) async throws {
        let now = time.now().unixSeconds
        try await database.write { db in
            try await db.delete(from: OAuthState.table).where(States.expiresAt, .lessThan, now).run()
            try await db.insert(into: OAuthState.table).record(state).run()
        }
    }

    /// The state, removed so it cannot be used twice; nil when unknown or expired.
    /// Uses up a state of `staffUserId` for `provider`, once. A state brought back by anyone else
    /// (or for another provider) is left alone, so it cannot spoil the real user's return.
    public func takeState(_ state: String, staffUserId: String, provider: ProviderKind) async throws -> OAuthState? {
        let now = time.now()
        return try await database.write { db in
            guard let found = try await db.select().column("*").from(OAuthState.table).where(States.state, .equal, state)
                .where(States.staffUserId, .equal, staffUserId).where(States.provider, .equal, provider.rawValue)
                .first()?.record(OAuthState.self) else { return nil }
            try await db.delete(from: OAuthState.table).where(States.state, .equal, state).run()
            guard found.expiresAt.unixSeconds > now.unixSeconds else { return nil }
            return found
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
            .set(Columns.state, to: state.rawValue)
            .set(Columns.sealedAccessToken, to: SQLLiteral.null).set(Columns.sealedRefreshToken, to: SQLLiteral.null)
            .set(Columns.accessExpiresAt, to: SQLLiteral.null)
            .set(Columns.refreshLockedBy, to: SQLLiteral.null).set(Columns.refreshLockedUntil, to: SQLLiteral.null)
            .set(Columns.updatedAt, to: now.unixSeconds)).run()
    }
}
