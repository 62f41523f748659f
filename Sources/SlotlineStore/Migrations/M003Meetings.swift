extension Migration {
    /// Provider connections with sealed tokens, OAuth states in flight, meetings behind bookings,
    /// and the audit log of who saw private meeting details.
    static let m003Meetings = Migration(version: 3, name: "meetings", statements: [
        """
        CREATE TABLE connections (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            practitioner_id TEXT REFERENCES practitioners (id),
            provider TEXT NOT NULL,
            external_user_id TEXT NOT NULL,
            label TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('connected', 'needsReconnect', 'disconnected')),
            sealed_access_token TEXT,
            sealed_refresh_token TEXT,
            access_expires_at BIGINT,
            scope TEXT NOT NULL DEFAULT '',
            refresh_locked_by TEXT,
            refresh_locked_until BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // One live binding per provider account: the same Zoom user cannot serve two practitioners.
        "CREATE UNIQUE INDEX connections_live_account ON connections (provider, external_user_id) WHERE state <> 'disconnected'",
        "CREATE INDEX connections_practitioner ON connections (practitioner_id, provider)",
        "ALTER TABLE practitioners ADD COLUMN default_meeting_provider TEXT",
        """
        CREATE TABLE oauth_states (
            state TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            practitioner_id TEXT NOT NULL REFERENCES practitioners (id),
            staff_user_id TEXT NOT NULL,
            provider TEXT NOT NULL,
            sealed_verifier TEXT NOT NULL,
            redirect_uri TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            group_key TEXT NOT NULL,
            provider TEXT NOT NULL,
            connection_id TEXT REFERENCES connections (id),
            topic TEXT NOT NULL,
            starts_at BIGINT NOT NULL,
            duration_minutes INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            external_id TEXT,
            meeting_number TEXT,
            join_url TEXT,
            passcode TEXT,
            sealed_host_url TEXT,
            synced_starts_at BIGINT,
            synced_duration_minutes INTEGER,
            state TEXT NOT NULL CHECK (state IN ('pending', 'created', 'started', 'ended', 'deleted', 'failed')),
            wanted BOOLEAN NOT NULL,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // A booking (or a group session's time slot) has at most one live meeting.
        "CREATE UNIQUE INDEX meetings_live_group ON meetings (workspace_id, group_key) WHERE state <> 'deleted'",
        "CREATE INDEX meetings_external ON meetings (provider, external_id)",
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            actor_id TEXT,
            action TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_workspace_created ON audit_log (workspace_id, created_at)",
    ])
}
