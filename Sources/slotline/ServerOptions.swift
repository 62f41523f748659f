import ArgumentParser
import Foundation
import Logging
import SlotlineServer
import SlotlineStore

/// Flags that mirror the SLOTLINE_* environment variables: SLOTLINE_X_Y is `--x-y VALUE` (or
/// `--x-y=VALUE`), and a flag wins over the variable. The flags come from `Configuration.keys`, so a
/// new setting has its flag without a line here.
struct ServerOptions: ParsableArguments {
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("Any setting as a flag: " + Configuration.keys.map { "--" + ServerOptions.flag(for: $0.name) }
                                     .joined(separator: ", ") + " (prefer the variable for secrets: arguments are visible to other users)",
                                 valueName: "--setting value"))
    var settings: [String] = []

    func validate() throws {
        _ = try overrides()
    }

    /// The variables the given flags set, by name.
    func overrides() throws -> [String: String] {
        var overrides: [String: String] = [:]
        var rest = settings[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { throw ValidationError("Unexpected argument '\(argument)'.") }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let variable = Self.variables[name] else {
                throw ValidationError("Unknown option '--\(name)'. Settings: \(Self.variables.keys.sorted().map { "--" + $0 }.joined(separator: ", ")).")
            }
            guard let given = value ?? rest.popFirst() else { throw ValidationError("Missing value for '--\(name)'.") }
            overrides[variable] = given
        }
        return overrides
    }

    func configuration() throws -> Configuration {
        try Configuration(overrides: overrides())
    }

    /// SLOTLINE_ZOOM_OAUTH_URL: `zoom-oauth-url`.
    static func flag(for variable: String) -> String {
        variable.dropFirst("SLOTLINE_".count).lowercased().replacingOccurrences(of: "_", with: "-")
    }

    private static let variables = Dictionary(uniqueKeysWithValues: Configuration.keys.map { (flag(for: $0.name), $0.name) })
}

extension Configuration {
    func logger(_ label: String = "slotline") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    func openStore(logger: Logger) async throws -> Store {
        try await Store.open(databaseURL, secretKey: try SecretKey.load(self), logger: logger, connections: databaseConnections)
    }
}
