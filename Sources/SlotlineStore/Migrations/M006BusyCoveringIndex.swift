extension Migration {
    /// The busy-time read of slot listings and conflict checks finds every column it needs in the
    /// index, without a visit to each booking's row.
    static let m006BusyCoveringIndex = Migration(version: 6, name: "busy covering index", statements: [
        """
        CREATE INDEX bookings_practitioner_busy ON bookings (practitioner_id, block_start, block_end, state, hold_expires_at,
            starts_at, ends_at, buffer_before_minutes, buffer_after_minutes, service_id, seats)
        """,
        "DROP INDEX bookings_practitioner_block",
    ])
}
