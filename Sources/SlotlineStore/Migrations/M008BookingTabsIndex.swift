extension Migration {
    /// The back office's tabs and their counts read this index alone: one workspace's bookings by
    /// state in start order, with the end and any pending request beside each.
    static let m008BookingTabsIndex = Migration(version: 8, name: "booking tabs index", statements: [
        "CREATE INDEX bookings_workspace_tabs ON bookings (workspace_id, state, starts_at, ends_at, request_kind)",
    ])
}
