extension Migration {
    /// Chat users linked to staff accounts, and the one-time links that make the binding.
    static let m013ChatAccounts = Migration(version: 13, name: "chat accounts", statements: [
        """
        CREATE TABLE chat_accounts (
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            team_id TEXT NOT NULL,
            chat_user_id TEXT NOT NULL,
            chat_user_name TEXT NOT NULL,
            staff_user_id TEXT NOT NULL REFERENCES staff_users (id),
            created_at BIGINT NOT NULL,
            PRIMARY KEY (workspace_id, team_id, chat_user_id)
        )
        """,
        "CREATE INDEX chat_accounts_name ON chat_accounts (workspace_id, team_id, chat_user_name)",
        """
        CREATE TABLE chat_link_tokens (
            token_hash TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            team_id TEXT NOT NULL,
            chat_user_id TEXT NOT NULL,
            chat_user_name TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
    ])
}
