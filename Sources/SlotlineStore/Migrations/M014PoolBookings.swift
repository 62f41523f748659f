extension Migration {
    /// Bookings of services whose meetings come from the pool hold a line, like video meetings.
    static let m014PoolBookings = Migration(version: 14, name: "pool bookings", statements: [
        "ALTER TABLE bookings ADD COLUMN line_id TEXT REFERENCES lines (id)",
        "CREATE INDEX bookings_line_holds ON bookings (line_id, starts_at) WHERE line_id IS NOT NULL",
    ])
}
