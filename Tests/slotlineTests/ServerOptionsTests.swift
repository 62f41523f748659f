import ArgumentParser
import Foundation
import SlotlineServer
@testable import slotline
import Testing

/// Each SLOTLINE_X_Y variable is also the flag `--x-y`, and the flag sets that variable.
@Suite struct ServerOptionsTests {
    @Test(arguments: Configuration.keys.map(\.name))
    func everyVariableHasTheFlagItsNameSuggests(variable: String) throws {
        let options = try ServerOptions.parse([Self.flag(for: variable), "7"])

        #expect(try options.overrides() == [variable: "7"])
    }

    @Test func aValueMayFollowAnEqualsSignAndFlagsMix() throws {
        let options = try ServerOptions.parse(["--port=8081", "--zoom-oauth-url", "http://127.0.0.1:9/z", "--mail-from=a=b"])

        #expect(try options.overrides() == ["SLOTLINE_PORT": "8081", "SLOTLINE_ZOOM_OAUTH_URL": "http://127.0.0.1:9/z",
                                            "SLOTLINE_MAIL_FROM": "a=b"])
    }

    @Test func anUnknownFlagOrAMissingValueIsRefusedByName() throws {
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--prot", "8081"]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--port"]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["8081"]) }
        do {
            _ = try ServerOptions.parse(["--zoom-oauth"])
            Issue.record("an unknown flag was accepted")
        } catch {
            #expect(ServerOptions.message(for: error).contains("Unknown option '--zoom-oauth'"))
            #expect(ServerOptions.message(for: error).contains("--zoom-oauth-url"))
        }
    }

    @Test func theHelpNamesEveryFlag() {
        let help = ServerOptions.helpMessage(columns: 2000)

        for key in Configuration.keys { #expect(help.contains(Self.flag(for: key.name)), "\(key.name)") }
    }

    /// SLOTLINE_ZOOM_OAUTH_URL: `--zoom-oauth-url`.
    static func flag(for variable: String) -> String {
        "--" + variable.dropFirst("SLOTLINE_".count).lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
