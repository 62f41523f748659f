import Foundation
import SlotlineCore
import SlotlineServer
import Testing

/// Settings are read from the environment, flags win, and a bad value names its key.
@Suite struct ConfigurationTests {
    @Test func theConnectionCapIsReadAndAFlagWins() throws {
        #expect(try Configuration(environment: [:]).databaseConnections == nil)
        #expect(try Configuration(environment: ["SLOTLINE_DATABASE_CONNECTIONS": "12"]).databaseConnections == 12)
        #expect(try Configuration(environment: ["SLOTLINE_DATABASE_CONNECTIONS": "12"],
                                  overrides: ["SLOTLINE_DATABASE_CONNECTIONS": "3"]).databaseConnections == 3)
    }

    @Test(arguments: ["0", "-1", "many", "1001"])
    func aBadConnectionCapNamesItsKey(value: String) {
        let error = #expect(throws: SlotlineError.self) {
            try Configuration(environment: ["SLOTLINE_DATABASE_CONNECTIONS": value])
        }
        #expect(error?.field == "SLOTLINE_DATABASE_CONNECTIONS")
    }
}
