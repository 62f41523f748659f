import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite struct WorkspaceRepositoryTests {
    let workspace = Workspace(id: Secrets.newID(), slug: "north-studio", name: "North Studio", timeZone: "Asia/Taipei",
                              defaultLanguage: .zhHant, paymentInstructions: "Transfer to 123-456")

    @Test(arguments: TestDatabase.flavors)
    func aWorkspaceReadsBackAsSaved(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.workspaces.create(workspace, now: testNow)

            #expect(try await store.workspaces.find(slug: "north-studio") == workspace)
            #expect(try await store.workspaces.find(id: workspace.id) == workspace)
            #expect(try await store.workspaces.find(slug: "south-studio") == nil)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aTakenSlugIsRefused(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.workspaces.create(workspace, now: testNow)
            let copycat = Workspace(id: Secrets.newID(), slug: workspace.slug, name: "Copycat", timeZone: "UTC")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.workspaces.create(copycat, now: testNow)
            }

            #expect(error?.code == .alreadyExists)
            #expect(error?.field == "slug")
            #expect(try await store.count("workspaces") == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aSlugUnsafeInAURLIsRefused(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store throws in
            let bad = Workspace(id: Secrets.newID(), slug: "North Studio", name: "North", timeZone: "UTC")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.workspaces.create(bad, now: testNow)
            }

            #expect(error?.code == .invalidParameter)
            #expect(error?.field == "slug")
            #expect(try await store.count("workspaces") == 0)
        }
    }
}
