import Foundation
import SlotlineCore
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The booking page shows free times in the customer's zone, right across the days the clocks
/// change, in the studio's zone and in the customer's.
@Suite struct BookingPageTimeZoneTests {
    /// The times offered on one day, as the page lists them, and the starts their links choose.
    static func times(_ page: APIResponse) -> [(label: String, startsAt: String)] {
        page.text.matches(of: #/<a class="time" href="[^"]*startsAt=([^&"]+)[^"]*">([0-9:]+)/#).map { match in
            (String(match.output.2), (String(match.output.1).removingPercentEncoding ?? ""))
        }
    }

    @Test("a Berlin studio's 09:00–17:00 seen from New York: 03:00 in summer, 04:00 the week Europe changed first, 03:00 again once both did")
    func daysAroundTheClockChanges() async throws {
        try await TestApp.run(.sqlite, time: testClock()) { app in
            let berlin = try await Studio.create(in: app.store, slug: "berlin", timeZone: "Europe/Berlin")
            let service = try await berlin.addService("Far ahead", in: app.store) { $0.maximumAdvanceDays = 365 }
            let customer = PageVisitor(client: app.visitor.client)

            func day(_ date: String) async throws -> [(label: String, startsAt: String)] {
                let page = try await customer.get("/w/berlin/services/\(service.id)?tz=America/New_York&day=\(date)&lang=en")
                #expect(page.status == .ok)
                return Self.times(page)
            }
            // Both on summer time: Berlin UTC+2, New York UTC−4.
            let summer = try await day("2030-10-26")
            // Berlin went back on 27 October, New York only on 3 November: UTC+1 and UTC−4.
            let between = try await day("2030-10-28")
            // The day New York goes back, at 02:00 there, before the first time.
            let changing = try await day("2030-11-03")
            // Both on winter time: UTC+1 and UTC−5.
            let winter = try await day("2030-11-04")

            #expect(summer.map(\.label) == ["03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00", "10:00"])
            #expect(summer.first?.startsAt == "2030-10-26T03:00:00-04:00")
            #expect(between.map(\.label) == ["04:00", "05:00", "06:00", "07:00", "08:00", "09:00", "10:00", "11:00"])
            #expect(between.first?.startsAt == "2030-10-28T04:00:00-04:00")
            #expect(changing.first?.label == "03:00" && changing.first?.startsAt == "2030-11-03T03:00:00-05:00")
            #expect(winter.map(\.label) == summer.map(\.label))
            #expect(winter.first?.startsAt == "2030-11-04T03:00:00-05:00")

            // An offset east of UTC keeps its "+" in the link (a bare "+" in a query reads as a space).
            let taipei = try await customer.get("/w/berlin/services/\(service.id)?tz=Asia/Taipei&day=2030-10-28&lang=en")
            #expect(taipei.text.contains("startsAt=2030-10-28T16%3A00%3A00%2B08%3A00&amp;tz=Asia/Taipei"))

            // The chosen time, booked from the page, is 09:00 in Berlin.
            let chosen = try #require(RFC3339.parse(between[0].startsAt))
            #expect(WallClock(TimeZone(identifier: "Europe/Berlin")!).localDate(of: chosen).description == "2030-10-28")
            #expect(chosen == RFC3339.parse("2030-10-28T09:00:00+01:00"))
        }
    }
}
