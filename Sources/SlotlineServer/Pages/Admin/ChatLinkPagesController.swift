import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/admin/{slug}/chat-link/{token}`: the one-time link a chat's first answer gives a staff member
/// who is not linked yet; signed in, they confirm, and their chat user is theirs from then on.
struct ChatLinkPagesController {
    let desk: Desk
    let staff: StaffPages

    struct LinkView {
        let question: String
        let action: String
        let csrf: String
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("chat-link/:token", use: confirmPage)
        group.post("chat-link/:token", use: confirm)
    }

    @Sendable func confirmPage(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let token: String = try context.parameters.require("token")
        let chatUser = try await desk.chatMeetings.pendingLink(token: token, workspaceId: workspace.id)
        let view = LinkView(question: words["page.chat_link.question", with: ["chatName": chatUser.userName, "name": user.name]],
                            action: "/admin/\(workspace.slug)/chat-link/\(token)", csrf: staff.csrf(request))
        return try staff.render("admin-chat-link", view: view, title: words["page.chat_link.title"], section: .meetings, request: request,
                                context: context)
    }

    @Sendable func confirm(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        _ = try await staff.form(request, context)
        _ = try await desk.chatMeetings.link(token: try context.parameters.require("token"), staff: user)
        return Pages.redirect("/admin/\(workspace.slug)/meetings?done=chat_linked")
    }
}
