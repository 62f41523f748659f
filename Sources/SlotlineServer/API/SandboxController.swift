import Foundation
import SlotlineDesk
import Hummingbird
import SlotlineCore
import SlotlineMeetings

/// The sandbox provider's join and host pages, served by Slotline itself so a new installation
/// shows the whole meeting flow without any provider app.
struct SandboxController {
    let settings: ServerSettings

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("sandbox/j/:number", use: join)
        router.get("sandbox/s/:number", use: host)
    }

    @Sendable func join(request: Request, context: SlotlineContext) async throws -> Response {
        let number = try context.parameters.require("number")
        guard SandboxProvider.isMeetingNumber(number) else { return page("Sandbox meeting", "No such sandbox meeting.", status: .notFound) }
        // As on a real provider, the link alone does not admit anyone: the passcode from the invitation does.
        guard let given = request.uri.queryParameters.get("pwd") else {
            return passcodeForm(number, problem: nil, status: .ok)
        }
        guard ConstantTime.equal(given, provider.passcode(for: number)) else {
            return passcodeForm(number, problem: "The passcode is not right for meeting \(number).", status: .forbidden)
        }
        return page("Sandbox meeting \(number)", "You joined sandbox meeting \(number) as a participant. This is a simulated meeting: no audio or video.")
    }

    @Sendable func host(request: Request, context: SlotlineContext) async throws -> Response {
        let number = try context.parameters.require("number")
        guard SandboxProvider.isMeetingNumber(number), provider.isHostKey(request.uri.queryParameters.get("host") ?? "", for: number) else {
            return page("Sandbox meeting", "This host link is not valid.", status: .forbidden)
        }
        return page("Sandbox meeting \(number)", "You started sandbox meeting \(number) as the host. Passcode: \(provider.passcode(for: number)).")
    }

    private var provider: SandboxProvider { settings.sandboxProvider }

    /// Asks for the meeting's passcode, with what was wrong next to the field.
    private func passcodeForm(_ number: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let error = problem.map { #"<p id="pwd-error" role="alert">\#(HTML.escaped($0))</p>"# } ?? ""
        let described = problem == nil ? "" : #" aria-describedby="pwd-error" aria-invalid="true""#
        let body = #"""
            <form method="get" action="/sandbox/j/\#(HTML.escaped(number))">
            <label for="pwd">Meeting passcode (in your invitation)</label>
            <input id="pwd" name="pwd" inputmode="numeric" autocomplete="off" required\#(described)>
            \#(error)<button type="submit">Join</button>
            </form>
            """#
        return HTMLPage.response(title: "Sandbox meeting \(number)", body: body, language: .en, status: status)
    }

    /// The sandbox is a developer's tool, in English only.
    private func page(_ title: String, _ text: String, status: HTTPResponse.Status = .ok) -> Response {
        HTMLPage.response(title: title, body: "<p>\(HTML.escaped(text))</p>", language: .en, status: status)
    }
}
