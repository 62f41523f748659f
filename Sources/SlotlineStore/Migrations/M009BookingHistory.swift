extension Migration {
    /// Each change of a booking, written with the change: the back office's booking page lists them.
    static let m009BookingHistory = Migration(version: 9, name: "booking history", statements: [
        """
        CREATE TABLE booking_history (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            booking_id TEXT NOT NULL REFERENCES bookings (id),
            position INTEGER NOT NULL,
            events TEXT NOT NULL,
            state TEXT NOT NULL,
            starts_at BIGINT NOT NULL,
            previous_starts_at BIGINT,
            actor TEXT NOT NULL,
            staff_user_id TEXT,
            note TEXT NOT NULL,
            occurred_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX booking_history_booking ON booking_history (booking_id, position)",
    ])
}
