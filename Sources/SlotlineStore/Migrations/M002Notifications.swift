extension Migration {
    /// The outbox of messages, outgoing webhook subscriptions and their deliveries, and a subject
    /// on jobs so the jobs of one booking (its reminders) can be found and replaced.
    static let m002Notifications = Migration(version: 2, name: "notifications", statements: [
        "ALTER TABLE jobs ADD COLUMN subject TEXT",
        "CREATE INDEX jobs_subject ON jobs (subject, kind, state)",
        """
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            booking_id TEXT REFERENCES bookings (id),
            kind TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            recipient_email TEXT NOT NULL,
            recipient_name TEXT NOT NULL,
            language TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT NOT NULL,
            calendar TEXT,
            calendar_method TEXT CHECK (calendar_method IN ('REQUEST', 'CANCEL')),
            message_id TEXT NOT NULL UNIQUE,
            transport TEXT NOT NULL CHECK (transport IN ('outbox', 'smtp')),
            state TEXT NOT NULL CHECK (state IN ('stored', 'queued', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            UNIQUE (workspace_id, dedupe_key)
        )
        """,
        "CREATE INDEX messages_workspace_created ON messages (workspace_id, created_at)",
        "CREATE INDEX messages_booking ON messages (booking_id)",
        """
        CREATE TABLE webhook_subscriptions (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            sealed_secret TEXT NOT NULL,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id)",
        """
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            response_status INTEGER,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT,
            UNIQUE (subscription_id, event_id)
        )
        """,
        "CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at)",
    ])
}
