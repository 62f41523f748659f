import Foundation
import Testing
@testable import SlotlineCore

/// Which meeting text a booking shows, and who may see it (SPEC §2).
@Suite struct MeetingAccessTests {
    let practitioner = Practitioner(id: "p1", workspaceId: "w1", name: "Dr. Lin", timeZone: "Asia/Taipei",
                                    meetingText: "Zoom room 123 456 789, passcode 4242")

    func service(_ source: MeetingLinkSource, online: Bool = true, text: String = "Class link https://meet.example/yoga") -> Service {
        Service(id: "s1", workspaceId: "w1", name: "Session", durationMinutes: 60, online: online,
                meetingLinkSource: source, meetingText: text)
    }

    func booking(_ state: BookingState, practitionerId: String = "p1", workspaceId: String = "w1") -> Booking {
        let now = instant("2026-03-01T00:00:00Z")
        return Booking(id: "b1", workspaceId: workspaceId, serviceId: "s1", practitionerId: practitionerId, state: state,
                       startsAt: instant("2026-03-09T09:00:00Z"), endsAt: instant("2026-03-09T10:00:00Z"),
                       customer: Customer(name: "Ana", email: "ana@example.com", timeZone: "UTC"),
                       createdAt: now, updatedAt: now)
    }

    func staff(_ role: StaffRole, practitionerId: String? = nil, workspaceId: String = "w1") -> StaffUser {
        StaffUser(id: "u1", workspaceId: workspaceId, email: "u@example.com", name: "U", role: role, practitionerId: practitionerId)
    }

    @Test func practitionerSourceUsesThePractitionersText() {
        #expect(MeetingAccess.staticText(service: service(.practitioner), practitioner: practitioner)
            == "Zoom room 123 456 789, passcode 4242")
    }

    @Test func serviceSourceUsesTheServicesText() {
        #expect(MeetingAccess.staticText(service: service(.service), practitioner: practitioner)
            == "Class link https://meet.example/yoga")
    }

    @Test(arguments: [MeetingLinkSource.provider, .pool, .none])
    func automaticAndMissingSourcesHaveNoStaticText(source: MeetingLinkSource) {
        #expect(MeetingAccess.staticText(service: service(source), practitioner: practitioner) == nil)
    }

    @Test(arguments: [MeetingLinkSource.practitioner, .service])
    func inPersonServicesHaveNoMeetingText(source: MeetingLinkSource) {
        #expect(MeetingAccess.staticText(service: service(source, online: false), practitioner: practitioner) == nil)
    }

    @Test func aBlankTextCountsAsNone() {
        var blank = practitioner
        blank.meetingText = " \n\t "

        #expect(MeetingAccess.staticText(service: service(.practitioner), practitioner: blank) == nil)
        #expect(MeetingAccess.staticText(service: service(.service, text: "   "), practitioner: practitioner) == nil)
    }

    @Test(arguments: BookingState.allCases)
    func privateDetailsAreReleasedOnlyOnceConfirmed(state: BookingState) {
        #expect(MeetingAccess.detailsReleased(booking(state)) == (state == .confirmed))
    }

    @Test(arguments: [StaffRole.owner, .admin])
    func ownersAndAdminsSeeEveryBookingsDetails(role: StaffRole) {
        #expect(MeetingAccess.staffMaySee(booking(.confirmed, practitionerId: "p9"), viewer: staff(role)))
    }

    @Test func aPractitionerSeesTheirOwnBookingsOnly() {
        let viewer = staff(.staff, practitionerId: "p1")

        #expect(MeetingAccess.staffMaySee(booking(.confirmed, practitionerId: "p1"), viewer: viewer))
        #expect(!MeetingAccess.staffMaySee(booking(.confirmed, practitionerId: "p2"), viewer: viewer))
    }

    @Test func staffWithoutAPractitionerSeeNoDetails() {
        #expect(!MeetingAccess.staffMaySee(booking(.confirmed), viewer: staff(.staff)))
    }

    @Test(arguments: [StaffRole.owner, .admin, .staff])
    func staffOfAnotherWorkspaceSeeNoDetails(role: StaffRole) {
        let viewer = staff(role, practitionerId: "p1", workspaceId: "w2")

        #expect(!MeetingAccess.staffMaySee(booking(.confirmed, practitionerId: "p1", workspaceId: "w1"), viewer: viewer))
    }
}
