import Foundation
import SlotlineMeetings

/// A booking-shaped meeting request: tomorrow-ish, 45 minutes, Paris.
func sampleRequest(meetingId: String = "mtg_1", start: Date = Date(timeIntervalSince1970: 1_900_000_000),
                   passcode: PasscodePolicy = .generated) -> MeetingRequest {
    MeetingRequest(topic: "Piano lesson with Ada", start: start, durationMinutes: 45, timeZone: "Europe/Paris",
                   passcode: passcode, agenda: "Booked through Slotline", marker: MeetingMarker(meetingId: meetingId))
}
