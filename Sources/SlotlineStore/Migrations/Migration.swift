/// One numbered schema change. Once shipped, a migration is never edited: add a new one.
/// Statements are plain SQL that SQLite and PostgreSQL both accept, so a migration never uses app types.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// Every migration, in order.
    public static let all: [Migration] = [
        .m001Initial,
        .m002Notifications,
        .m003Meetings,
        .m004MeetingSyncLease,
        .m005MeetingEventTime,
        .m006BusyCoveringIndex,
        .m007StaffAccess,
        .m008BookingTabsIndex,
        .m009BookingHistory,
        .m010PendingRequestsIndex,
        .m011VideoMeetings,
        .m012Conferences,
        .m013ChatAccounts,
        .m014PoolBookings,
        .m015WorkspaceConnections,
        .m016MeetingSyncedTopic,
    ]
}
