import Foundation
import SlotlineStore
import Testing

/// Row ids are UUIDs version 7: unique, and ordered by the time they were made, so new rows sit
/// together at the end of each id index.
@Suite struct RowIDTests {
    @Test func idsAreVersionSevenUUIDs() throws {
        let id = Secrets.newID()
        let uuid = try #require(UUID(uuidString: id))

        #expect(id == id.lowercased())
        #expect(uuid.uuid.6 >> 4 == 7)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }

    @Test func idsStartWithTheMillisecondTheyWereMade() throws {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let uuid = try #require(UUID(uuidString: Secrets.newID())).uuid
        let after = UInt64(Date().timeIntervalSince1970 * 1000)

        let stamp = [uuid.0, uuid.1, uuid.2, uuid.3, uuid.4, uuid.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect((before...after).contains(stamp))
    }

    @Test func laterIdsSortAfterEarlierOnesAndNoneRepeat() async throws {
        let first = (0..<1_000).map { _ in Secrets.newID() }
        try await Task.sleep(for: .milliseconds(2))
        let second = (0..<1_000).map { _ in Secrets.newID() }

        #expect(Set(first + second).count == 2_000)
        #expect(first.max()! < second.min()!)
    }
}
