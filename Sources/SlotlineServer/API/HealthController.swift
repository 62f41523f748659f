import Foundation
import Hummingbird
import SlotlineStore

/// `/healthz` (the process answers) and `/readyz` (the database answers too).
struct HealthController {
    let store: Store

    struct Status: ResponseEncodable {
        let status: String
        let database: String?
    }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("healthz") { _, _ in Status(status: "ok", database: nil) }
        router.get("readyz") { _, _ -> EditedResponse<Status> in
            do {
                try await store.ping()
                return EditedResponse(response: Status(status: "ok", database: store.flavorName))
            } catch {
                return EditedResponse(status: .serviceUnavailable, response: Status(status: "unavailable", database: store.flavorName))
            }
        }
    }
}
