extension Migration {
    /// The topic the provider last confirmed, so a renamed video meeting is renamed at the provider too.
    static let m016MeetingSyncedTopic = Migration(version: 16, name: "meeting synced topic", statements: [
        "ALTER TABLE meetings ADD COLUMN synced_topic TEXT",
    ])
}
