import SlotlineCore
import Testing

/// Provider reports (started, ended, deleted) are applied in the order the provider saw them.
@Suite struct ProviderReportOrderTests {
    @Test func aNewerReportReplacesAnOlderOneAndNeverTheOtherWayRound() {
        #expect(Meeting.State.started.yields(to: .ended, reportedAt: 2_000, lastReportAt: 1_000))
        #expect(!Meeting.State.ended.yields(to: .started, reportedAt: 1_000, lastReportAt: 2_000))
    }

    @Test func atTheSameInstantTheLaterStageWins() {
        #expect(Meeting.State.started.yields(to: .ended, reportedAt: 1_000, lastReportAt: 1_000))
        #expect(!Meeting.State.ended.yields(to: .started, reportedAt: 1_000, lastReportAt: 1_000))
        #expect(!Meeting.State.started.yields(to: .started, reportedAt: 1_000, lastReportAt: 1_000))
    }

    @Test func theFirstReportAlwaysAppliesAndNothingFollowsADeletion() {
        #expect(Meeting.State.created.yields(to: .started, reportedAt: 5, lastReportAt: nil))
        #expect(!Meeting.State.deleted.yields(to: .started, reportedAt: 9_000, lastReportAt: 1_000))
        #expect(!Meeting.State.deleted.yields(to: .started, reportedAt: 9_000, lastReportAt: nil))
    }
}
