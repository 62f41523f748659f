extension Migration {
    /// The bookings whose customer asks for a change, few among many: the Pending tab counts them
    /// from this index instead of reading every booking of the workspace.
    static let m010PendingRequestsIndex = Migration(version: 10, name: "pending requests index", statements: [
        "CREATE INDEX bookings_workspace_requests ON bookings (workspace_id, starts_at) WHERE request_kind IS NOT NULL",
    ])
}
