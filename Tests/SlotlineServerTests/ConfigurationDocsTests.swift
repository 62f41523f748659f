import Foundation
import SlotlineServer
import Testing

/// Every setting is documented once in the code and listed in the README with its default.
@Suite struct ConfigurationDocsTests {
    @Test func theReadmeListsEverySettingWithItsDefault() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for key in Configuration.keys {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| `\(key.name)` |") }
            #expect(row != nil, "README.md has no row for \(key.name)")
            if let row, !key.defaultValue.contains("HOST"), !key.defaultValue.hasPrefix("key file") {
                #expect(row.contains(key.defaultValue), "README.md gives \(key.name) another default than \(key.defaultValue)")
            }
        }
    }
}
