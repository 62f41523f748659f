import Foundation
import SlotlineCore

struct WorkspaceRecord: Codable, Sendable {
    static let table = "workspaces"
    var id: String
    var slug: String
    var name: String
    var timeZone: String
    var defaultLanguage: String
    var paymentInstructions: String
    var createdAt: Int64

    init(_ workspace: Workspace, createdAt: Date) {
        id = workspace.id
        slug = workspace.slug
        name = workspace.name
        timeZone = workspace.timeZone
        defaultLanguage = workspace.defaultLanguage.rawValue
        paymentInstructions = workspace.paymentInstructions
        self.createdAt = createdAt.unixSeconds
    }

    var model: Workspace {
        Workspace(id: id, slug: slug, name: name, timeZone: timeZone,
                  defaultLanguage: Language(rawValue: defaultLanguage) ?? .en, paymentInstructions: paymentInstructions)
    }
}
