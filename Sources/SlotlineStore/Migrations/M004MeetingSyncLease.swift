extension Migration {
    /// A lease on a meeting row, so two workers never sync one meeting at the same time (two
    /// creates would make two provider meetings).
    static let m004MeetingSyncLease = Migration(version: 4, name: "meeting sync lease", statements: [
        "ALTER TABLE meetings ADD COLUMN sync_locked_by TEXT",
        "ALTER TABLE meetings ADD COLUMN sync_locked_until BIGINT",
    ])
}
