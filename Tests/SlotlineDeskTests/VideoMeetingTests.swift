import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Video meetings on a pool of lines: no line ever carries more than its capacity, also when many
/// creations race or a meeting moves; refusals name the nearest starts that would work.
@Suite struct VideoMeetingTests {
    struct Office {
        let desk: Desk
        let admin: StaffUser
        let staff: StaffUser
        let lines: [Line]

        var workspaceId: String { admin.workspaceId }

        static func create(in store: Store, studio: Studio, lines count: Int, capacity: Int = 1,
                           limits: DurationLimits = DurationLimits()) async throws -> Office {
            var settings = ServerSettings(key: TestDatabase.secretKey)
            settings.meetingDurationLimits = limits
            let desk = try Desk(store: store, settings: settings)
            let now = store.time.now()
            let admin = StaffUser(id: Secrets.newID(), workspaceId: studio.workspace.id, email: "admin@\(studio.workspace.slug).test",
                                  name: "Ada Admin", role: .admin)
            let staff = StaffUser(id: Secrets.newID(), workspaceId: studio.workspace.id, email: "sam@\(studio.workspace.slug).test",
                                  name: "Sam", role: .staff)
            try await store.staff.create(admin, passwordHash: "-", now: now)
            try await store.staff.create(staff, passwordHash: "-", now: now)
            var lines: [Line] = []
            for index in 1...max(count, 1) where count > 0 {
                lines.append(try await desk.lines.add(LineChanges(provider: .sandbox, label: "Line \(index)", capacity: capacity),
                                                      workspaceId: studio.workspace.id))
            }
            return Office(desk: desk, admin: admin, staff: staff, lines: lines)
        }

        func draft(_ title: String = "Weekly sync", at start: Date, minutes: Int = 60, host: StaffUser? = nil) -> VideoMeetingDraft {
            VideoMeetingDraft(title: title, startsAt: start, durationMinutes: minutes, hostStaffId: (host ?? staff).id)
        }

        @discardableResult
        func schedule(at start: Date, minutes: Int = 60, by creator: StaffUser? = nil) async throws -> VideoMeeting {
            try await desk.videoMeetings.create(draft(at: start, minutes: minutes), source: .scheduled, by: creator ?? staff)
        }
    }

    /// The most meetings each line carries at one moment, from what the store holds.
    func peakLoad(_ meetings: [VideoMeeting]) -> [String: Int] {
        var peak: [String: Int] = [:]
        for meeting in meetings {
            let concurrent = meetings.filter { $0.lineId == meeting.lineId && $0.startsAt <= meeting.startsAt && $0.endsAt > meeting.startsAt }
            peak[meeting.lineId] = max(peak[meeting.lineId] ?? 0, concurrent.count)
        }
        return peak
    }

    @Test(arguments: TestDatabase.flavors)
    func aHundredCreationsForOneIntervalOverFiveLinesMakeFive(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])
            let first = try await Office.create(in: stores[0], studio: studio, lines: 5)
            let offices = try stores.map { store in
                Office(desk: try Desk(store: store, settings: first.desk.settings), admin: first.admin, staff: first.staff, lines: first.lines)
            }
            let start = hours(2, after: time.now())
            let results = try await withThrowingTaskGroup(of: Result<VideoMeeting, SlotlineError>.self) { group in
                for index in 0..<100 {
                    let office = offices[index % offices.count]
                    group.addTask {
                        do { return .success(try await office.schedule(at: start)) } catch let error as SlotlineError { return .failure(error) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let made = results.compactMap { try? $0.get() }
            let refused = results.compactMap { result -> ErrorCode? in if case .failure(let error) = result { error.code } else { nil } }
            #expect(made.count == 5)
            #expect(refused.count == 95 && Set(refused) == [.noFreeLine])
            #expect(Set(made.map(\.lineId)) == Set(first.lines.map(\.id)))
            #expect(try await stores[0].count("video_meetings") == 5)
            // Each has its provider meeting on its line, with a sync job enqueued in the same transaction.
            #expect(try await stores[0].count("meetings") == 5)
            #expect(try await stores[0].countJobs("meeting.sync") == 5)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aFullPoolAnswersNoFreeLineWithTheNearestStartsThatWork(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1)
            let nine = hours(20, after: time.now())
            try await office.schedule(at: nine)
            try await office.schedule(at: hours(2, after: nine))
            let error = try await #require(throws: SlotlineError.self) { try await office.schedule(at: hours(0.5, after: nine)) }
            #expect(error.code == .noFreeLine)
            #expect(ErrorMessages.message(for: error, in: .zhHans) == "找不到空闲线路，请检查线路维护是否正常，或者重新选择会议时间")
            // Free from 10:00 to 11:00, free again from 12:00; 08:00 ends as the first begins.
            #expect(error.nearestStarts == [hours(-1, after: nine), hours(1, after: nine), hours(3, after: nine)])
            for start in error.nearestStarts { try await office.schedule(at: start) }
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func capacityCountsConcurrentMeetingsAndMaintenanceLinesAreSkipped(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 2, capacity: 2)
            _ = try await office.desk.lines.update(id: office.lines[0].id, LineChanges(state: .maintenance), workspaceId: office.workspaceId)
            let start = hours(3, after: time.now())
            let made = [try await office.schedule(at: start), try await office.schedule(at: hours(0.5, after: start))]
            #expect(made.allSatisfy { $0.lineId == office.lines[1].id })
            // 14:30 fits: it ends as the second meeting begins, so the line never carries three.
            await #expect(throws: SlotlineError(.noFreeLine, field: "startsAt", nearestStarts: [hours(-1, after: start), hours(-0.5, after: start),
                                                                                              hours(1, after: start)])) {
                try await office.schedule(at: hours(0.25, after: start))
            }
            _ = try await office.desk.lines.update(id: office.lines[0].id, LineChanges(state: .enabled), workspaceId: office.workspaceId)
            #expect(try await office.schedule(at: hours(0.25, after: start)).lineId == office.lines[0].id)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anEditThatMovesIntoACollisionIsRefusedAndChangesNothing(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1)
            let start = hours(5, after: time.now())
            let first = try await office.schedule(at: start)
            let second = try await office.schedule(at: hours(1, after: start))
            await #expect(throws: SlotlineError.self) {
                try await office.desk.videoMeetings.edit(id: second.id, office.draft(at: hours(0.5, after: start)), by: office.staff)
            }
            #expect(try await office.desk.videoMeetings.find(id: second.id, viewer: office.staff) == second)
            // Longer into its own time is fine: a meeting never collides with itself.
            let longer = try await office.desk.videoMeetings.edit(id: first.id, office.draft("Longer", at: start, minutes: 60), by: office.staff)
            #expect(longer.title == "Longer")
            // Cancelled, the first frees its hour for the second to move into.
            #expect(try await office.desk.videoMeetings.cancel(id: first.id, by: office.staff).state(at: time.now()) == .cancelled)
            #expect(try await office.desk.videoMeetings.edit(id: second.id, office.draft(at: start), by: office.staff).startsAt == start)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func endingEarlyFreesTheLineForAMeetingRightAfter(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1)
            let quick = try await office.desk.videoMeetings.create(office.draft("Quick", at: time.now()), source: .quick, by: office.staff)
            #expect(quick.state(at: time.now()) == .inProgress)
            await #expect(throws: SlotlineError(.invalidState, detail: "inProgress")) {
                try await office.desk.videoMeetings.cancel(id: quick.id, by: office.staff)
            }
            time.advance(by: 600)
            await #expect(throws: SlotlineError.self) { try await office.schedule(at: time.now()) }
            let ended = try await office.desk.videoMeetings.end(id: quick.id, by: office.staff)
            #expect(ended.state(at: time.now()) == .endedManually)
            #expect(ended.endedAt == time.now())
            #expect(try await office.schedule(at: time.now()).lineId == office.lines[0].id)
            #expect(try await store.countJobs("meeting.end") == 1)
            // Only the host, the creator and admins manage it; others do not even see it.
            let other = StaffUser(id: Secrets.newID(), workspaceId: office.workspaceId, email: "o@x.test", name: "O", role: .staff)
            try await store.staff.create(other, passwordHash: "-", now: time.now())
            await #expect(throws: SlotlineError.notFound("videoMeeting")) { try await office.desk.videoMeetings.find(id: quick.id, viewer: other) }
            #expect(try await office.desk.videoMeetings.find(id: quick.id, viewer: office.admin).id == quick.id)
        }
    }

    @Test func durationsBeyondTheProviderLimitAreRefusedAsTheOAModuleWordsThem() async throws {
        try await withStudio(.sqlite) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1,
                                                 limits: DurationLimits(standard: 24 * 60, perProvider: [.sandbox: 120]))
            let start = hours(1, after: time.now())
            await #expect(throws: SlotlineError.invalid("duration")) { try await office.schedule(at: start, minutes: 24 * 60 + 1) }
            await #expect(throws: SlotlineError.invalid("duration")) { try await office.schedule(at: start, minutes: 121) }
            #expect(try await office.schedule(at: start, minutes: 120).durationMinutes == 120)
            await #expect(throws: SlotlineError.invalid("startsAt", "in the past")) { try await office.schedule(at: hours(-1, after: time.now())) }
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func recentListsWhatIsAheadWithinAMonthAndAllFiltersByState(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1)
            let soon = try await office.schedule(at: hours(1, after: time.now()))
            let later = try await office.schedule(at: hours(24 * 40, after: time.now()))
            let cancelled = try await office.schedule(at: hours(3, after: time.now()))
            _ = try await office.desk.videoMeetings.cancel(id: cancelled.id, by: office.staff)
            let running = try await office.desk.videoMeetings.create(office.draft(at: time.now(), minutes: 30), source: .quick, by: office.staff)
            time.advance(by: 60)
            let videos = office.desk.videoMeetings
            #expect(try await videos.list(viewer: office.staff, everyone: false, view: .recent, state: nil, limit: 50, offset: 0).map(\.id)
                    == [running.id, soon.id])
            #expect(try await videos.list(viewer: office.staff, everyone: false, view: .all, state: nil, limit: 50, offset: 0).map(\.id)
                    == [later.id, cancelled.id, soon.id, running.id])
            for (state, expected) in [(VideoMeeting.State.notStarted, [later.id, soon.id]), (.inProgress, [running.id]),
                                      (.cancelled, [cancelled.id]), (.ended, [])] {
                #expect(try await videos.list(viewer: office.staff, everyone: false, view: .all, state: state, limit: 50, offset: 0).map(\.id)
                        == expected)
            }
            time.advance(by: 3600)
            #expect(try await videos.list(viewer: office.staff, everyone: false, view: .all, state: .ended, limit: 50, offset: 0).map(\.id)
                    == [running.id])
            // The admin's own list is empty; the whole workspace's is not.
            #expect(try await videos.list(viewer: office.admin, everyone: false, view: .all, state: nil, limit: 50, offset: 0).isEmpty)
            #expect(try await videos.list(viewer: office.admin, everyone: true, view: .all, state: nil, limit: 2, offset: 2).count == 2)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func inviteesSeeTheMeetingInTheirList(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let office = try await Office.create(in: store, studio: studio, lines: 1)
            let meeting = try await office.schedule(at: hours(1, after: time.now()), by: office.admin)
            #expect(try await office.desk.videoMeetings.list(viewer: office.staff, everyone: false, view: .recent, state: nil, limit: 9, offset: 0)
                .map(\.id) == [meeting.id])  // the host
            let invited = try await office.desk.videoMeetings.invite(id: meeting.id, [Participant(staffId: office.admin.id),
                                                                                      Participant(email: "Guest@Example.org")], by: office.admin)
            #expect(invited.participants == [Participant(staffId: office.admin.id), Participant(email: "guest@example.org")])
            #expect(try await office.desk.videoMeetings.find(id: meeting.id, viewer: office.admin).participants == invited.participants)
            await #expect(throws: SlotlineError.notFound("participants")) {
                try await office.desk.videoMeetings.invite(id: meeting.id, [Participant(staffId: "nobody")], by: office.admin)
            }
        }
    }
}
