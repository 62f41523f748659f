import Foundation

/// The Python tools the tests read our output with (icalendar, the `email` package), from the venv
/// `scripts/pytools` makes and SLOTLINE_TEST_PYTHON_BIN names. Tests using them are skipped without
/// the variable, except on CI, where a missing variable fails them instead of hiding them.
public enum PythonTools {
    public static let binDirectory: String? = TestEnvironment.value("SLOTLINE_TEST_PYTHON_BIN")

    public static var enabled: Bool { binDirectory != nil || TestEnvironment.onCI }

    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct Run: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String

        /// Each output line parsed as a JSON object.
        public func jsonLines() throws -> [[String: Any]] {
            try output.split(separator: "\n").map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw TestSupportError("not a JSON object: \(line)")
                }
                return object
            }
        }
    }

    /// Runs the venv's python with `arguments` from the repository root.
    public static func python(_ arguments: [String]) throws -> Run {
        let child = try Child(arguments, environment: [:])
        defer { child.clean() }
        try child.process.run()
        child.process.waitUntilExit()
        return try child.result()
    }

    /// Runs the venv's python with `arguments` and extra `environment`, without holding a thread
    /// while it runs (the server it talks to may be in this process), stopping it after `timeout`.
    public static func run(_ arguments: [String], environment: [String: String], timeout: Duration) async throws -> Run {
        let child = try Child(arguments, environment: environment)
        defer { child.clean() }
        // Process is not Sendable; the watchdog only asks a running process to stop, which Foundation allows from any thread.
        nonisolated(unsafe) let running = child.process
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            if running.isRunning { running.terminate() }
        }
        defer { watchdog.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            child.process.terminationHandler = { _ in continuation.resume() }
            do { try child.process.run() } catch { continuation.resume(throwing: error) }
        }
        return try child.result()
    }

    /// A python process of the venv, its output going to files rather than pipes (a full pipe would
    /// block the child while we wait for it).
    private struct Child {
        let process = Process()
        let scratch: URL

        init(_ arguments: [String], environment: [String: String]) throws {
            guard let bin = binDirectory else {
                throw TestSupportError("SLOTLINE_TEST_PYTHON_BIN is unset; run the tests through scripts/test (or export it from scripts/pytools)")
            }
            scratch = try temporaryDirectory()
            try Data().write(to: scratch.appendingPathComponent("stdout"))
            try Data().write(to: scratch.appendingPathComponent("stderr"))
            process.executableURL = URL(fileURLWithPath: bin).appendingPathComponent("python")
            process.arguments = arguments
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            }
            process.currentDirectoryURL = repositoryRoot
            process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
            process.standardError = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
        }

        func result() throws -> Run {
            Run(status: process.terminationStatus,
                output: try String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8),
                errors: try String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8))
        }

        func clean() { try? FileManager.default.removeItem(at: scratch) }
    }

    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slotline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// What the environment says about this test run.
public enum TestEnvironment {
    /// CI sets `CI`; there, tests needing outside tools must run (or fail), never skip.
    public static let onCI: Bool = {
        let value = (ProcessInfo.processInfo.environment["CI"] ?? "").lowercased()
        return !value.isEmpty && value != "false" && value != "0"
    }()

    /// A variable's value, nil when unset or empty.
    public static func value(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name] ?? ""
        return value.isEmpty ? nil : value
    }
}

/// A test set-up that cannot go on, saying why.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
