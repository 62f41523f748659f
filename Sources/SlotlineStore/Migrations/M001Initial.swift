extension Migration {
    /// Workspaces, staff and their credentials, practitioners, services, bookings, idempotency keys, jobs.
    /// Times are Unix seconds (BIGINT); JSON documents are TEXT.
    static let m001Initial = Migration(version: 1, name: "initial", statements: [
        """
        CREATE TABLE workspaces (
            id TEXT PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            default_language TEXT NOT NULL CHECK (default_language IN ('en', 'zh-Hans', 'zh-Hant')),
            payment_instructions TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE practitioners (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            time_zone TEXT NOT NULL,
            availability TEXT NOT NULL,
            meeting_text TEXT NOT NULL DEFAULT '',
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX practitioners_workspace ON practitioners (workspace_id)",
        """
        CREATE TABLE staff_users (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
            password_hash TEXT NOT NULL,
            practitioner_id TEXT REFERENCES practitioners (id),
            created_at BIGINT NOT NULL,
            UNIQUE (workspace_id, email)
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            staff_user_id TEXT NOT NULL REFERENCES staff_users (id),
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            staff_user_id TEXT NOT NULL REFERENCES staff_users (id),
            expires_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE services (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
            buffer_before_minutes INTEGER NOT NULL CHECK (buffer_before_minutes >= 0),
            buffer_after_minutes INTEGER NOT NULL CHECK (buffer_after_minutes >= 0),
            slot_interval_minutes INTEGER NOT NULL CHECK (slot_interval_minutes > 0),
            capacity INTEGER NOT NULL CHECK (capacity >= 1),
            price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
            currency TEXT NOT NULL,
            requires_payment BOOLEAN NOT NULL,
            requires_confirmation BOOLEAN NOT NULL,
            payment_window_minutes INTEGER NOT NULL,
            online BOOLEAN NOT NULL,
            meeting_link_source TEXT NOT NULL CHECK (meeting_link_source IN ('practitioner', 'service', 'provider', 'pool', 'none')),
            meeting_text TEXT NOT NULL DEFAULT '',
            online_instructions TEXT NOT NULL DEFAULT '',
            reminder_offsets TEXT NOT NULL,
            minimum_notice_minutes INTEGER NOT NULL,
            maximum_advance_days INTEGER NOT NULL,
            change_policy TEXT NOT NULL CHECK (change_policy IN ('approval', 'automatic')),
            practitioner_ids TEXT NOT NULL,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX services_workspace ON services (workspace_id)",
        """
        CREATE TABLE bookings (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            service_id TEXT NOT NULL REFERENCES services (id),
            practitioner_id TEXT NOT NULL REFERENCES practitioners (id),
            state TEXT NOT NULL CHECK (state IN ('awaitingPayment', 'pending', 'confirmed', 'declined', 'cancelled', 'expired')),
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            block_start BIGINT NOT NULL,
            block_end BIGINT NOT NULL,
            buffer_before_minutes INTEGER NOT NULL,
            buffer_after_minutes INTEGER NOT NULL,
            seats INTEGER NOT NULL CHECK (seats >= 1),
            customer_name TEXT NOT NULL,
            customer_email TEXT NOT NULL,
            customer_phone TEXT NOT NULL DEFAULT '',
            customer_language TEXT NOT NULL,
            customer_time_zone TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            hold_expires_at BIGINT,
            paid_at BIGINT,
            request_kind TEXT CHECK (request_kind IN ('reschedule', 'cancel')),
            request_starts_at BIGINT,
            request_reason TEXT,
            requested_at BIGINT,
            sequence INTEGER NOT NULL DEFAULT 0,
            manage_token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            CHECK (ends_at > starts_at)
        )
        """,
        // Conflict checks and slot queries: one practitioner, a bounded window of block starts.
        "CREATE INDEX bookings_practitioner_block ON bookings (practitioner_id, block_start)",
        // Staff lists by tab: one workspace, ordered by start.
        "CREATE INDEX bookings_workspace_starts ON bookings (workspace_id, starts_at)",
        """
        CREATE TABLE idempotency_keys (
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            booking_id TEXT NOT NULL REFERENCES bookings (id),
            manage_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (workspace_id, key)
        )
        """,
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            workspace_id TEXT,
            state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            run_at BIGINT NOT NULL,
            lease_until BIGINT,
            locked_by TEXT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX jobs_ready ON jobs (state, run_at)",
        "CREATE INDEX jobs_lease ON jobs (state, lease_until)",
    ])
}
