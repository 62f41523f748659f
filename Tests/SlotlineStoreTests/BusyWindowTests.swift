import Foundation
import Testing
@testable import SlotlineStore

/// A group of submissions reads each practitioner's busy time once, however its windows overlap.
@Suite struct BusyWindowTests {
    let base = Date(timeIntervalSince1970: 1_906_718_400)

    func window(_ practitioner: String, _ fromHours: Double, _ toHours: Double) -> BusyWindow {
        BusyWindow(practitionerId: practitioner, from: base.addingTimeInterval(fromHours * 3600), to: base.addingTimeInterval(toHours * 3600))
    }

    @Test func overlappingAndTouchingWindowsOfOnePractitionerJoin() {
        let merged = BusyWindow.merged([window("a", 10, 20), window("a", 0, 5), window("a", 5, 8), window("a", 15, 30)])

        #expect(merged == [window("a", 0, 8), window("a", 10, 30)])
    }

    @Test func windowsOfDifferentPractitionersStayApart() {
        let merged = BusyWindow.merged([window("b", 0, 10), window("a", 5, 15), window("b", 9, 12)])

        #expect(merged == [window("a", 5, 15), window("b", 0, 12)])
    }

    @Test func aCheckReadsADayBeforeAndTwoAfterTheStart() {
        let around = BusyWindow.around(base, practitionerId: "a")

        #expect(around == window("a", -24, 48))
    }
}
