extension Migration {
    /// The workspace pool of lines, the video meetings on them and who is invited; meetings made at a
    /// provider for a line say which.
    static let m011VideoMeetings = Migration(version: 11, name: "video meetings on lines", statements: [
        """
        CREATE TABLE lines (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            provider TEXT NOT NULL,
            connection_id TEXT REFERENCES connections (id),
            host_user_id TEXT,
            label TEXT NOT NULL,
            capacity INTEGER NOT NULL CHECK (capacity >= 1),
            state TEXT NOT NULL CHECK (state IN ('enabled', 'maintenance')),
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX lines_workspace ON lines (workspace_id, created_at)",
        """
        CREATE TABLE video_meetings (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id),
            line_id TEXT NOT NULL REFERENCES lines (id),
            title TEXT NOT NULL,
            agenda TEXT NOT NULL,
            host_staff_id TEXT NOT NULL,
            created_by_staff_id TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            source_ref TEXT,
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            recorded_state TEXT NOT NULL,
            ended_at BIGINT,
            hold_ends_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // The holds that decide an allocation: a line's meetings starting in a bounded window.
        "CREATE INDEX video_meetings_line_holds ON video_meetings (line_id, starts_at, hold_ends_at) WHERE hold_ends_at IS NOT NULL",
        "CREATE INDEX video_meetings_workspace_start ON video_meetings (workspace_id, starts_at)",
        "CREATE INDEX video_meetings_source ON video_meetings (source_kind, source_ref)",
        """
        CREATE TABLE video_meeting_participants (
            video_meeting_id TEXT NOT NULL REFERENCES video_meetings (id),
            position INTEGER NOT NULL,
            staff_user_id TEXT,
            email TEXT,
            PRIMARY KEY (video_meeting_id, position)
        )
        """,
        "CREATE INDEX video_meeting_participants_staff ON video_meeting_participants (staff_user_id)",
        "ALTER TABLE meetings ADD COLUMN line_id TEXT REFERENCES lines (id)",
        // Joining by meeting number finds the meeting.
        "CREATE INDEX meetings_number ON meetings (workspace_id, meeting_number)",
    ])
}
