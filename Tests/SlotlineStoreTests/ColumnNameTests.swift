@testable import SlotlineStore
import Testing

/// Record properties map to the same column names SQLKit's snake-case strategy gives.
@Suite struct ColumnNameTests {
    @Test(arguments: [("startsAt", "starts_at"), ("id", "id"), ("customerTimeZone", "customer_time_zone"),
                      ("joinURL", "join_url"), ("urlPath", "url_path"), ("hostURLText", "host_url_text")])
    func propertiesBecomeSnakeCaseColumns(property: String, column: String) {
        #expect(ColumnNames.column(for: property) == column)
    }
}
