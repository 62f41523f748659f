import SlotlineMeetings
import Testing

@Suite struct MeetingMarkerTests {
    @Test func theMarkerEndsTheAgendaOnItsOwnLine() {
        let marker = MeetingMarker(meetingId: "mtg_42")

        #expect(marker.appended(to: "Bring your sheet music", limit: 2000) == "Bring your sheet music\n\nslotline:mtg_42")
        #expect(marker.appended(to: "  ", limit: 2000) == "slotline:mtg_42")
    }

    @Test func aLongAgendaIsCutAndTheMarkerSurvives() {
        let marker = MeetingMarker(meetingId: "mtg_42")

        let agenda = marker.appended(to: String(repeating: "x", count: 5000), limit: 2000)

        #expect(agenda.count == 2000)
        #expect(agenda.hasSuffix("…\n\nslotline:mtg_42"))
        #expect(marker.isCarried(by: agenda))
    }

    @Test func onlyTheExactMarkerMatches() {
        let marker = MeetingMarker(meetingId: "mtg_4")

        #expect(marker.isCarried(by: "Agenda\n\nslotline:mtg_4"))
        #expect(marker.isCarried(by: "slotline:mtg_4\r\n"))
        #expect(!marker.isCarried(by: "Agenda\n\nslotline:mtg_42"))
        #expect(!marker.isCarried(by: "see slotline:mtg_4 above"))
        #expect(!marker.isCarried(by: nil))
    }

    @Test func rawValuesAreChecked() {
        #expect(MeetingMarker(rawValue: "slotline:abc")?.rawValue == "slotline:abc")
        #expect(MeetingMarker(rawValue: "slotline:") == nil)
        #expect(MeetingMarker(rawValue: "other:abc") == nil)
        #expect(MeetingMarker(rawValue: "slotline:a b") == nil)
    }
}
