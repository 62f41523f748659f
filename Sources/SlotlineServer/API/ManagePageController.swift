import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/manage/{token}`: the customer's page for one booking, the link in every message. It shows
/// what the JSON manage view shows (public instructions only, never the private meeting details)
/// and takes a cancellation request; everything else stays in the API for now.
struct ManagePageController {
    let store: Store
    let desk: Desk

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("manage/:token", use: page)
        router.post("manage/:token/cancel", use: cancel)
    }

    @Sendable func page(request: Request, context: SlotlineContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let booking = try await store.bookings.find(manageToken: token) else {
            // No booking, so no customer language: the browser's, as for API errors.
            let words = Words(Language.negotiate(request.headers[.acceptLanguage]))
            return HTMLPage.response(title: words["manage.not_found.title"],
                                     body: "<p>\(HTML.escaped(words["manage.not_found.text"]))</p>",
                                     language: words.language, status: .notFound)
        }
        let view = try await PublicViews(store: store).view(booking)
        let words = Words(booking.customer.language)
        let word = { (key: String) in HTML.escaped(words[key]) }
        let when = MessageTime(language: booking.customer.language, timeZoneIdentifier: booking.customer.timeZone)
            .range(booking.startsAt, booking.endsAt)
        var body = """
            <dl>
            <dt>\(word("manage.service"))</dt><dd>\(HTML.escaped(view.service.name))</dd>
            <dt>\(word("manage.with"))</dt><dd>\(HTML.escaped(view.practitioner.name))</dd>
            <dt>\(word("manage.when"))</dt><dd>\(HTML.escaped(when))</dd>
            <dt>\(word("manage.state"))</dt><dd>\(HTML.escaped(words.state(booking.state)))</dd>
            </dl>
            """
        if let payment = view.paymentInstructions, !payment.isEmpty { body += "<p>\(HTML.escaped(payment))</p>" }
        if !view.onlineInstructions.isEmpty { body += "<p>\(HTML.escaped(view.onlineInstructions))</p>" }
        if let pending = booking.request {
            body += "<p>\(word("manage.requested")) (\(HTML.escaped(words.request(pending.kind))))</p>"
        } else if booking.state.holdsSlot {
            body += """
                <form method="post" action="/manage/\(HTML.escaped(token))/cancel">
                <label>\(word("manage.reason")) <input name="reason" maxlength="2000"></label>
                <button type="submit">\(word("manage.cancel"))</button>
                </form>
                """
        }
        return HTMLPage.response(title: view.service.name, body: body, language: booking.customer.language)
    }

    /// A form post from the page: asks to cancel, then shows the page again.
    @Sendable func cancel(request: Request, context: SlotlineContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = String(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let reason = URLComponents(string: "?" + form.replacingOccurrences(of: "+", with: " "))?.queryItems?
            .first { $0.name == "reason" }?.value ?? ""
        _ = try await desk.bookings.request(.cancel, manageToken: token, startsAt: nil, reason: reason)
        return Response(status: .seeOther, headers: [.location: "/manage/\(token)"])
    }
}
