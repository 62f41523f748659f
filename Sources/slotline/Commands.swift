import ArgumentParser
import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server and job workers.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        try await Runner.serve(configuration)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        let store = try await configuration.openStore(logger: configuration.logger())
        await store.shutdown()
        print("database \(configuration.databaseURL.redacted) is up to date")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Seed the demo workspace and serve it.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = configuration.logger()
        let store = try await configuration.openStore(logger: logger)
        let owner: Provisioning.Owner
        do {
            let settings = try ServerSettings(configuration, key: try SecretKey.load(configuration))
            owner = try await DemoWorkspace(desk: try Desk(store: store, settings: settings)).seed()
        } catch {
            await store.shutdown()
            throw error
        }
        // Written unbuffered so it shows before the server's log, even when stdout is a file.
        FileHandle.standardOutput.write(Data("""

            Slotline demo is ready at \(configuration.publicURL)
              booking page:      \(configuration.publicURL)/w/\(DemoWorkspace.slug)
              back office:       \(configuration.publicURL)/admin/login  (email \(DemoWorkspace.email), password \(DemoWorkspace.password))
              API key:           \(owner.apiKey)
              public API:        \(configuration.publicURL)/api/v1/public/\(DemoWorkspace.slug)/services
              messages (outbox): \(configuration.publicURL)/api/v1/outbox (each one as /api/v1/outbox/{id}.eml)
              API description:   \(configuration.publicURL)/api/v1/openapi.json
              try:               curl -H 'Authorization: Bearer \(owner.apiKey)' \(configuration.publicURL)/api/v1/bookings?tab=upcoming


            """.utf8))
        try await Runner.serve(configuration, store: store)
    }
}

struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create a workspace if needed and an owner; prints one JSON object with the owner's apiKey.")
    @OptionGroup var options: ServerOptions
    @Option(help: "Workspace slug (a-z, 0-9, -)") var workspace: String
    @Option(help: "Owner's email") var email: String
    @Option(help: "Owner's password (8–72 characters)") var password: String
    @Option(help: "Workspace time zone for a new workspace") var timeZone: String = "UTC"

    func run() async throws {
        let configuration = try options.configuration()
        let store = try await configuration.openStore(logger: configuration.logger())
        do {
            let provisioning = Provisioning(store: store)
            let owner = try await provisioning.owner(in: try await provisioning.workspace(slug: workspace, timeZone: timeZone),
                                                     email: email, password: password)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(owner), as: UTF8.self))
            await store.shutdown()
        } catch let error as SlotlineError {
            await store.shutdown()
            throw ValidationError(ErrorMessages.message(for: error, in: .en))
        }
    }
}

enum Runner {
    static func serve(_ configuration: Configuration, store: Store? = nil) async throws {
        let logger = configuration.logger()
        let settings = try ServerSettings(configuration, key: try SecretKey.load(configuration))
        let store = if let store { store } else { try await configuration.openStore(logger: logger) }
        logger.info("starting", metadata: ["database": "\(configuration.databaseURL.redacted)", "workers": "\(configuration.workers)"])
        do {
            try await buildApplication(configuration: configuration, store: store, settings: settings, logger: logger).runService()
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
