extension Migration {
    /// Conference cards, from which their creator, convener or contact launch video meetings.
    static let m012Conferences = Migration(version: 12, name: "conferences", statements: [
        """
        CREATE TABLE conferences (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            topic TEXT NOT NULL,
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            place TEXT NOT NULL,
            creator_staff_id TEXT NOT NULL,
            convener_staff_id TEXT NOT NULL,
            contact_staff_id TEXT NOT NULL,
            attendees TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX conferences_workspace_start ON conferences (workspace_id, starts_at)",
    ])
}
