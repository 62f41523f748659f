extension Migration {
    /// When (in milliseconds) the provider said the meeting's state last changed, so a late retry of an older
    /// webhook (Zoom retries after 5, 20 and 60 minutes) cannot undo a newer one.
    static let m005MeetingEventTime = Migration(version: 5, name: "meeting event time", statements: [
        "ALTER TABLE meetings ADD COLUMN state_event_at BIGINT",
    ])
}
