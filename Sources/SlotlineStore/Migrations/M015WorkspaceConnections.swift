extension Migration {
    /// An OAuth authorization may be for the workspace pool (a line) rather than a practitioner.
    /// States live ten minutes: the table is made again rather than copied.
    static let m015WorkspaceConnections = Migration(version: 15, name: "workspace connections", statements: [
        "DROP TABLE oauth_states",
        """
        CREATE TABLE oauth_states (
            state TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            practitioner_id TEXT REFERENCES practitioners (id),
            staff_user_id TEXT NOT NULL,
            provider TEXT NOT NULL,
            sealed_verifier TEXT NOT NULL,
            redirect_uri TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX connections_workspace_pool ON connections (workspace_id, provider, external_user_id) WHERE practitioner_id IS NULL",
    ])
}
