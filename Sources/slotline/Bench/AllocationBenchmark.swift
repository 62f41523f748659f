import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// Line allocation at size: a pool of `lines` lines over `meetings` existing video meetings spread
/// over four years, then meetings created through the desk (pool locked, holds read, line chosen,
/// meeting and its provider meeting and sync job written) at random free times.
struct AllocationBenchmark {
    let lines: Int
    let meetings: Int
    let runs: Int

    struct Figures {
        /// The allocation alone: pool and holds read, line chosen.
        let choice: Latency
        /// The whole creation: the allocation under the pool's lock, the meeting, its provider meeting and sync job written.
        let latency: Latency
        let perSecond: Double
        let refused: Int
    }

    func run(_ store: Store) async throws -> Figures {
        let desk = try Desk(store: store, settings: ServerSettings(key: Data(repeating: 7, count: 32)))
        let now = store.time.now()
        let workspace = Workspace(id: Secrets.newID(), slug: "alloc-\(UUID().uuidString.prefix(8).lowercased())", name: "Allocation", timeZone: "UTC")
        try await store.workspaces.create(workspace, now: now)
        let host = StaffUser(id: Secrets.newID(), workspaceId: workspace.id, email: "host@\(workspace.slug).test", name: "Host", role: .admin)
        try await store.staff.create(host, passwordHash: "-", now: now)
        var pool: [Line] = []
        for index in 0..<lines {
            pool.append(try await desk.lines.add(LineChanges(provider: .sandbox, label: "Line \(index)"), workspaceId: workspace.id))
        }
        // Existing meetings: each line carries back-to-back hours from two years ago to two years
        // ahead, every third hour, so the table is large and any interval holds a few per line.
        let hour: TimeInterval = 3600
        let origin = now.addingTimeInterval(-2 * 365 * 86_400)
        var seeded: [VideoMeeting] = []
        for index in 0..<meetings {
            let line = pool[index % pool.count]
            let start = origin.addingTimeInterval(Double(index / pool.count) * 3 * hour)
            seeded.append(VideoMeeting(id: Secrets.newID(), workspaceId: workspace.id, lineId: line.id, title: "Seed", hostStaffId: host.id,
                                       createdByStaffId: host.id, source: .scheduled, startsAt: start, endsAt: start.addingTimeInterval(hour),
                                       createdAt: now, updatedAt: now))
            if seeded.count == 5_000 {
                try await store.bulkLoad.insert(seeded)
                seeded.removeAll(keepingCapacity: true)
            }
        }
        try await store.bulkLoad.insert(seeded)
        try await store.database.gatherStatistics()

        // New meetings in the gaps between seeded hours, in the coming year.
        let clock = ContinuousClock()
        var choices: [Duration] = []
        for _ in 0..<runs {
            let start = now.addingTimeInterval(Double(Int.random(in: 1...(365 * 8))) * 3 * hour + hour)
            let began = clock.now
            _ = try await desk.videoMeetings.availableLine(for: VideoMeetingDraft(title: "Bench", startsAt: start, durationMinutes: 30,
                                                                                  hostStaffId: host.id), workspaceId: workspace.id)
            choices.append(clock.now - began)
        }
        var durations: [Duration] = []
        var refused = 0
        let started = clock.now
        for run in 0..<runs {
            let start = now.addingTimeInterval(Double(Int.random(in: 1...(365 * 8))) * 3 * hour + hour + Double(run % 2) * 1800)
            let draft = VideoMeetingDraft(title: "Bench", startsAt: start, durationMinutes: 30, hostStaffId: host.id)
            let began = clock.now
            do {
                _ = try await desk.videoMeetings.create(draft, source: .scheduled, by: host)
            } catch let error as SlotlineError where error.code == .noFreeLine {
                refused += 1
            }
            durations.append(clock.now - began)
        }
        let elapsed = clock.now - started
        return Figures(choice: Latency(choices), latency: Latency(durations), perSecond: Double(runs) / elapsed.inSeconds, refused: refused)
    }
}
