import Crypto
import Foundation
import SlotlineMeetings
import Testing

@Suite struct SandboxProviderTests {
    let key = SymmetricKey(data: Data(repeating: 7, count: 32))

    func provider(seed: UInt64 = 1) -> SandboxProvider {
        SandboxProvider(baseURL: "https://book.example.com/sandbox/", key: key, random: SeededRandom(seed: seed).source)
    }

    @Test func createMintsARealisticMeetingServedBySlotline() async throws {
        let meeting = try await provider().create(sampleRequest(), credentials: .none)

        let number = try #require(meeting.meetingNumber)
        #expect((10...11).contains(number.count) && number.allSatisfy(\.isNumber) && !number.hasPrefix("0"))
        #expect(meeting.externalId == number)
        #expect(meeting.passcode?.count == 6 && meeting.passcode?.allSatisfy(\.isNumber) == true)
        #expect(meeting.joinURL == "https://book.example.com/sandbox/j/\(number)")
        #expect(meeting.hostURL?.hasPrefix("https://book.example.com/sandbox/s/\(number)?host=") == true)
        #expect(meeting.start == sampleRequest().start && meeting.durationMinutes == 45)
    }

    @Test func theSameSeedMintsTheSameMeetingsAndDifferentCreatesDiffer() async throws {
        let first = try await provider(seed: 42).create(sampleRequest(), credentials: .none)
        let again = try await provider(seed: 42).create(sampleRequest(), credentials: .none)
        let sandbox = provider(seed: 42)
        let one = try await sandbox.create(sampleRequest(), credentials: .none)
        let two = try await sandbox.create(sampleRequest(), credentials: .none)

        #expect(first == again)
        #expect(one.meetingNumber != two.meetingNumber)
    }

    @Test func updateKeepsNumberPasscodeAndLinks() async throws {
        let sandbox = provider()
        let created = try await sandbox.create(sampleRequest(), credentials: .none)
        let later = sampleRequest(start: created.start.addingTimeInterval(86_400))

        var moved = try await sandbox.update(externalId: created.externalId, later, credentials: .none)

        #expect(moved.start == later.start)
        moved.start = created.start
        #expect(moved == created)
    }

    @Test func hostLinkKeyIsCheckedWithoutStorage() async throws {
        let sandbox = provider()
        let meeting = try await sandbox.create(sampleRequest(), credentials: .none)
        let number = try #require(meeting.meetingNumber)
        let hostKey = try #require(meeting.hostURL?.components(separatedBy: "host=").last)

        #expect(sandbox.isHostKey(hostKey, for: number))
        #expect(!sandbox.isHostKey(hostKey, for: "1234567890"))
        #expect(!sandbox.isHostKey("x" + hostKey.dropFirst(), for: number))
        let hostURL = try await sandbox.hostURL(externalId: number, credentials: .none)
        #expect(hostURL == meeting.hostURL)
    }

    @Test func aFixedPasscodeIsUsed() async throws {
        let meeting = try await provider().create(sampleRequest(passcode: .fixed("abc123")), credentials: .none)

        #expect(meeting.passcode == "abc123")
    }

    @Test func deleteEndAndFindNeedNothingStored() async throws {
        let sandbox = provider()
        let meeting = try await sandbox.create(sampleRequest(), credentials: .none)

        try await sandbox.end(externalId: meeting.externalId, credentials: .none)
        try await sandbox.delete(externalId: meeting.externalId, credentials: .none)
        try await sandbox.delete(externalId: meeting.externalId, credentials: .none)
        let found = try await sandbox.find(marker: sampleRequest().marker, credentials: .none)
        let account = try await sandbox.account(credentials: .none)

        #expect(found == nil)
        #expect(account.label == "Sandbox")
    }

    @Test func anUnknownNumberIsNotFound() async throws {
        await #expect(throws: MeetingProviderError.notFound) {
            try await provider().update(externalId: "12", sampleRequest(), credentials: .none)
        }
    }
}
