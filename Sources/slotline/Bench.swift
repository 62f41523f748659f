import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure slot queries and booking throughput on SQLite and PostgreSQL.")
    func run() async throws {
        print("bench: not written yet")
    }
}
