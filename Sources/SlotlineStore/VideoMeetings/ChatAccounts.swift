import Foundation
import SlotlineCore
import SQLKit

/// A chat user (one team of Slack or Mattermost) as seen by Slotline.
public struct ChatUser: Sendable, Equatable, Codable {
    public var teamId: String
    public var userId: String
    public var userName: String

    public init(teamId: String, userId: String, userName: String) {
        self.teamId = teamId
        self.userId = userId
        self.userName = userName
    }
}

/// Chat users linked to staff accounts, and the one-time links staff follow to make the binding.
public struct ChatAccounts: Sendable {
    let database: Access

    enum Columns {
        static let table = "chat_accounts"
        static let workspaceId = "workspace_id"
        static let teamId = "team_id"
        static let chatUserId = "chat_user_id"
        static let chatUserName = "chat_user_name"
        static let staffUserId = "staff_user_id"
        static let createdAt = "created_at"
    }

    enum LinkColumns {
        static let table = "chat_link_tokens"
        static let tokenHash = "token_hash"
        static let workspaceId = "workspace_id"
        static let teamId = "team_id"
        static let chatUserId = "chat_user_id"
        static let chatUserName = "chat_user_name"
        static let expiresAt = "expires_at"
    }

    /// The staff member a chat user is linked to.
    public func staffId(of user: ChatUser, workspaceId: String) async throws -> String? {
        try await database.read { db in
            try await db.select().column(Columns.staffUserId).from(Columns.table).where(Columns.workspaceId, .equal, workspaceId)
                .where(Columns.teamId, .equal, user.teamId).where(Columns.chatUserId, .equal, user.userId)
                .first()?.decode(column: Columns.staffUserId, as: String.self)
        }
    }

    /// The staff linked to chat users of one team, by chat user id and by (lower-cased) name.
    public func linked(teamId: String, workspaceId: String) async throws -> (byId: [String: String], byName: [String: String]) {
        try await database.read { db in
            let rows = try await db.select().columns(Columns.chatUserId, Columns.chatUserName, Columns.staffUserId).from(Columns.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.teamId, .equal, teamId).all()
            var byId: [String: String] = [:], byName: [String: String] = [:]
            for row in rows {
                let staff = try row.decode(column: Columns.staffUserId, as: String.self)
                byId[try row.decode(column: Columns.chatUserId, as: String.self)] = staff
                byName[try row.decode(column: Columns.chatUserName, as: String.self).lowercased()] = staff
            }
            return (byId, byName)
        }
    }

    /// A one-time link for `user`, good until `expiresAt`; returns the token (only its hash is kept).
    public func createLink(for user: ChatUser, workspaceId: String, expiresAt: Date) async throws -> String {
        let token = Secrets.token(prefix: "cl")
        try await database.write { db in
            try await db.insert(into: LinkColumns.table)
                .columns(LinkColumns.tokenHash, LinkColumns.workspaceId, LinkColumns.teamId, LinkColumns.chatUserId, LinkColumns.chatUserName,
                         LinkColumns.expiresAt)
                .values(SQLBind(Secrets.hash(token)), SQLBind(workspaceId), SQLBind(user.teamId), SQLBind(user.userId), SQLBind(user.userName),
                        SQLBind(expiresAt.unixSeconds))
                .run()
        }
        return token
    }

    /// The chat user a link is for, while it is unused and unexpired.
    public func link(_ token: String, workspaceId: String, now: Date) async throws -> ChatUser? {
        try await database.read { db in
            guard let row = try await db.select().column("*").from(LinkColumns.table).where(LinkColumns.tokenHash, .equal, Secrets.hash(token))
                .where(LinkColumns.workspaceId, .equal, workspaceId).where(LinkColumns.expiresAt, .greaterThan, now.unixSeconds).first()
            else { return nil }
            return ChatUser(teamId: try row.decode(column: LinkColumns.teamId, as: String.self),
                            userId: try row.decode(column: LinkColumns.chatUserId, as: String.self),
                            userName: try row.decode(column: LinkColumns.chatUserName, as: String.self))
        }
    }

    /// Uses the link: binds its chat user to `staffId` (replacing an earlier binding) and forgets the
    /// link, in one transaction. Nil when the link is used, expired or unknown.
    public func useLink(_ token: String, staffId: String, workspaceId: String, now: Date) async throws -> ChatUser? {
        try await database.write { db in
            guard let row = try await db.delete(from: LinkColumns.table).where(LinkColumns.tokenHash, .equal, Secrets.hash(token))
                .where(LinkColumns.workspaceId, .equal, workspaceId).where(LinkColumns.expiresAt, .greaterThan, now.unixSeconds)
                .returning(LinkColumns.teamId, LinkColumns.chatUserId, LinkColumns.chatUserName).first() else { return nil }
            let user = ChatUser(teamId: try row.decode(column: LinkColumns.teamId, as: String.self),
                                userId: try row.decode(column: LinkColumns.chatUserId, as: String.self),
                                userName: try row.decode(column: LinkColumns.chatUserName, as: String.self))
            try await db.delete(from: Columns.table).where(Columns.workspaceId, .equal, workspaceId).where(Columns.teamId, .equal, user.teamId)
                .where(Columns.chatUserId, .equal, user.userId).run()
            try await db.insert(into: Columns.table)
                .columns(Columns.workspaceId, Columns.teamId, Columns.chatUserId, Columns.chatUserName, Columns.staffUserId, Columns.createdAt)
                .values(SQLBind(workspaceId), SQLBind(user.teamId), SQLBind(user.userId), SQLBind(user.userName.lowercased()), SQLBind(staffId),
                        SQLBind(now.unixSeconds))
                .run()
            return user
        }
    }
}
