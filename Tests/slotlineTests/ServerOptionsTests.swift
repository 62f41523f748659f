import Foundation
import SlotlineServer
@testable import slotline
import Testing

/// Each SLOTLINE_X_Y variable is also the flag `--x-y`, and the flag sets that variable.
@Suite struct ServerOptionsTests {
    @Test(arguments: Configuration.keys.map(\.name))
    func everyVariableHasTheFlagItsNameSuggests(variable: String) throws {
        let options = try ServerOptions.parse([Self.flag(for: variable), "7"])

        #expect(options.overrides == [variable: "7"])
    }

    @Test func thereIsNoOtherFlag() throws {
        let help = ServerOptions.helpMessage(columns: 400)

        let flags = Set(help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).filter { $0.hasPrefix("--") }.map(String.init))

        #expect(flags.subtracting(["--help"]) == Set(Configuration.keys.map { Self.flag(for: $0.name) }))
    }

    /// SLOTLINE_ZOOM_OAUTH_URL: `--zoom-oauth-url`.
    static func flag(for variable: String) -> String {
        "--" + variable.dropFirst("SLOTLINE_".count).lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
