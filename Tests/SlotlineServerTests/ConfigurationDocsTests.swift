import Foundation
import SlotlineServer
import Testing

/// Every setting is documented once, in `Configuration.keys`; the README shows exactly that.
@Suite struct ConfigurationDocsTests {
    @Test func theReadmeTableIsTheConfigurationsOwnList() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)

        let header = try #require(lines.firstIndex(of: "| variable | default | meaning |"), "README.md has no configuration table")
        let table = lines[header...].prefix { $0.hasPrefix("|") }.joined(separator: "\n")

        #expect(table == Configuration.markdownTable, "README.md's configuration table should read:\n\(Configuration.markdownTable)")
    }

    @Test func secretsAreMarkedSecret() {
        let secrets = Configuration.keys.filter(\.secret).map(\.name)

        #expect(Set(secrets) == ["SLOTLINE_DATABASE_URL", "SLOTLINE_SECRET_KEY", "SLOTLINE_SMTP_URL", "SLOTLINE_ZOOM_CLIENT_SECRET",
                                 "SLOTLINE_ZOOM_WEBHOOK_SECRET", "SLOTLINE_CHAT_SIGNING_SECRET", "SLOTLINE_CHAT_TOKEN",
                                 "SLOTLINE_ZOOM_S2S_CLIENT_SECRET"])
        #expect(Configuration.markdownTable.split(separator: "\n").filter { $0.hasSuffix("(secret) |") }.count == secrets.count)
    }
}
