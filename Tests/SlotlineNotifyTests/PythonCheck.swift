import Foundation
import Testing

/// Independent checks of our output with Python tools (icalendar, the `email` package) from the
/// venv that `scripts/pytools` prints. Skipped without SLOTLINE_TEST_PYTHON_BIN, except on CI,
/// where a missing variable fails the test instead of hiding it.
enum PythonCheck {
    static let binDirectory: String? = {
        let value = ProcessInfo.processInfo.environment["SLOTLINE_TEST_PYTHON_BIN"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static let onCI: Bool = {
        let value = (ProcessInfo.processInfo.environment["CI"] ?? "").lowercased()
        return !value.isEmpty && value != "false" && value != "0"
    }()

    static var enabled: Bool { binDirectory != nil || onCI }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var output: String
        var errors: String

        /// Each output line parsed as a JSON object.
        func jsonLines() throws -> [[String: Any]] {
            try output.split(separator: "\n").map { line in
                try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }
    }

    /// Runs the venv's python with `arguments` from the repository root.
    static func python(_ arguments: [String]) throws -> Run {
        let bin = try #require(binDirectory, "SLOTLINE_TEST_PYTHON_BIN is unset; export SLOTLINE_TEST_PYTHON_BIN=$(scripts/pytools)")
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: a full pipe would block the child while we wait for it.
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorsURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorsURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin).appendingPathComponent("python")
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorsURL)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: try String(contentsOf: outputURL, encoding: .utf8),
            errors: try String(contentsOf: errorsURL, encoding: .utf8)
        )
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slotline-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
