extension Migration {
    /// Workspace settings the back office edits, deactivated staff, and the one-time links that set
    /// a password (an invitation or a forgotten password).
    static let m007StaffAccess = Migration(version: 7, name: "staff access and workspace settings", statements: [
        "ALTER TABLE workspaces ADD COLUMN manage_shows_join_link BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE staff_users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE",
        """
        CREATE TABLE staff_links (
            token_hash TEXT PRIMARY KEY,
            staff_user_id TEXT NOT NULL REFERENCES staff_users (id),
            purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
            expires_at BIGINT NOT NULL,
            used_at BIGINT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX staff_links_user ON staff_links (staff_user_id)",
    ])
}
