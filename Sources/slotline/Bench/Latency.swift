import Foundation

/// The median and the 99th percentile of timed runs: every latency figure the bench prints.
struct Latency: Sendable {
    var p50: Duration
    var p99: Duration

    init(_ durations: [Duration]) {
        let sorted = durations.sorted()
        p50 = sorted[sorted.count / 2]
        p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    }
}

extension Duration {
    /// In seconds, for rates.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// In milliseconds with three decimals, as the figures print it.
    var inMilliseconds: String { String(format: "%.3f", Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15) }
}
