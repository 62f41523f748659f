import ArgumentParser

@main
struct Slotline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slotline",
        abstract: "A self-hosted booking server with video meetings built in.",
        subcommands: [Serve.self, Migrate.self, Demo.self, CreateAdmin.self, Bench.self])
}
