@testable import SlotlineStore
import SlotlineCore
import SlotlineTestSupport
import SQLKit
import Testing

/// Every column a record writes and reads is a column of its table in the migrated schema.
@Suite struct TableRecordTests {
    @Test(arguments: TestDatabase.flavors)
    func everyFieldNamesAColumnOfItsTable(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor) { store in
            for (table, columns) in Self.records {
                let rows = try await store.database.read { db in try await db.select().columns(columns).from(table).limit(1).all() }
                #expect(rows.count <= 1, "\(table)")
            }
        }
    }

    static let records = [
        columns(of: WorkspaceRecord.self), columns(of: PractitionerRecord.self), columns(of: ServiceRecord.self),
        columns(of: StaffUserRecord.self), columns(of: BookingRecord.self), columns(of: Job.self), columns(of: OutboxMessage.self),
        columns(of: WebhookSubscriptionRecord.self), columns(of: WebhookDelivery.self), columns(of: ConnectionRecord.self),
        columns(of: OAuthState.self), columns(of: Meeting.self), columns(of: AuditEntry.self),
    ]

    static func columns<R: TableRecord>(of type: R.Type) -> (table: String, columns: [String]) {
        (R.table, R.fields.map(\.column))
    }
}
