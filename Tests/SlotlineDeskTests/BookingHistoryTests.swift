import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Every change of a booking is kept with the change, in order, with who made it.
@Suite struct BookingHistoryTests {
    @Test(arguments: TestDatabase.flavors)
    func eachChangeIsKeptInOrderWithWhoMadeIt(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            let submitted = try await studio.book(studio.manual, at: nine, in: store)
            let id = submitted.booking.id
            let workspace = studio.workspace.id
            time.advance(by: 60)
            _ = try await store.desk.decide(.accept, bookingId: id, workspaceId: workspace, by: "staff-1")
            time.advance(by: 60)
            _ = try await store.desk.request(.reschedule, manageToken: submitted.manageToken, startsAt: hours(2, after: nine),
                                             reason: "train late")
            time.advance(by: 60)
            _ = try await store.desk.decide(.approve, bookingId: id, workspaceId: workspace, by: "staff-2")
            time.advance(by: 60)
            _ = try await store.desk.reschedule(bookingId: id, workspaceId: workspace, to: hours(1, after: nine))

            let history = try await store.history.list(bookingId: id, workspaceId: workspace)

            #expect(history.map(\.events) == [[.created], [.confirmed], [.changeRequested], [.rescheduled], [.rescheduled]])
            #expect(history.map(\.actor) == [.customer, .staff, .customer, .staff, .staff])
            #expect(history.map(\.staffId) == [nil, "staff-1", nil, "staff-2", nil])
            #expect(history.map(\.state) == [.pending, .confirmed, .confirmed, .confirmed, .confirmed])
            #expect(history.map(\.note) == ["", "", "train late", "", ""])
            let moves: [Date?] = [nil, nil, nil, nine, hours(2, after: nine)]
            #expect(history.map(\.previousStartsAt) == moves)
            #expect(history.map(\.occurredAt) == (0..<5).map { testNow.addingTimeInterval(Double($0) * 60) })
            #expect(try await store.history.list(bookingId: id, workspaceId: "another-workspace").isEmpty)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aLapsedHoldIsRecordedAsTheSystemsDoing(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.paid, at: studio.opening(after: time.now()), in: store).booking
            time.advance(by: try #require(booking.holdExpiresAt).timeIntervalSince(time.now()) + 1)

            #expect(try await store.desk.expire(bookingId: booking.id, workspaceId: studio.workspace.id))

            let history = try await store.history.list(bookingId: booking.id, workspaceId: studio.workspace.id)
            #expect(history.map(\.events) == [[.created], [.expired]])
            #expect(history.map(\.actor) == [.customer, .system])
            #expect(history.last?.state == .expired)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aRefusedChangeLeavesNoTrace(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let booking = try await studio.book(studio.instant, at: studio.opening(after: time.now()), in: store).booking

            await #expect(throws: SlotlineError.self) {
                try await store.desk.decide(.markPaid, bookingId: booking.id, workspaceId: studio.workspace.id)
            }

            let history = try await store.history.list(bookingId: booking.id, workspaceId: studio.workspace.id)
            #expect(history.map(\.events) == [[.created, .confirmed]])
        }
    }
}
