import Foundation
import Testing

/// The README's API examples name routes the server has, with their methods, and carry no fixed
/// date that would lie in the past by the time someone reads them.
@Suite struct ReadmeExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyRouteTheReadmeNamesIsInTheAPIDocument() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent(
            "Sources/SlotlineServer/Resources/openapi.json"))) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } }

        let named = Self.routes(in: readme)

        #expect(named.count >= 10, "\(named)")
        for route in named {
            #expect(documented.contains { Self.route(route, matches: $0) }, "README.md names \(route), which the API does not have")
        }
    }

    @Test func theBookingExampleCarriesNoFixedDate() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = readme.components(separatedBy: "## Try it").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        let curl = example.split(separator: "\n").filter { $0.contains("curl") || $0.contains("-d '") || $0.contains("\"customer\"") }

        #expect(!curl.isEmpty)
        #expect(!curl.contains { $0.range(of: #"\d{4}-\d{2}-\d{2}T"#, options: .regularExpression) != nil }, "\(curl)")
    }

    /// `METHOD /api/v1/…` in backticks, and the paths of the curl examples (GET unless `-X` says otherwise).
    static func routes(in text: String) -> Set<String> {
        var routes: Set<String> = []
        let backticked = try! NSRegularExpression(pattern: #"`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`?\s]*)"#)
        for match in backticked.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let method = String(text[Range(match.range(at: 1), in: text)!])
            routes.insert("\(method) \(String(text[Range(match.range(at: 2), in: text)!]))")
        }
        for line in text.split(separator: "\n") where line.contains("curl ") {
            guard let path = line.range(of: #"/api/v1/[^\s"'?]*"#, options: .regularExpression).map({ String(line[$0]) }) else { continue }
            let method = line.range(of: #"-X ([A-Z]+)"#, options: .regularExpression).map { String(line[$0].dropFirst(3)) } ?? "GET"
            routes.insert("\(method) \(path)")
        }
        return routes
    }

    /// The same method and path, a `{name}` only where the document has that name; an example's
    /// value (`$SERVICE`, `SERVICE_ID`, the `demo` slug) stands for any parameter.
    static func route(_ named: String, matches documented: String) -> Bool {
        let mine = named.split(separator: " ", maxSplits: 1), theirs = documented.split(separator: " ", maxSplits: 1)
        guard mine.count == 2, theirs.count == 2, mine[0] == theirs[0] else { return false }
        let left = mine[1].split(separator: "/"), right = theirs[1].split(separator: "/")
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { example, path in
            example == path || (path.hasPrefix("{") && (example.hasPrefix("$") || example == "demo"
                || example.range(of: #"^[A-Z][A-Z_]+$"#, options: .regularExpression) != nil))
        }
    }
}
