import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/jobs`: the durable work of the workspace, with a retry action for parked jobs.
struct JobController {
    let store: Store
    let desk: Desk

    struct JobView: ResponseEncodable {
        let id: String
        let kind: String
        let state: Job.State
        let attempts: Int
        let maxAttempts: Int
        let runAt: String
        let lastError: String?
        let createdAt: String
        let updatedAt: String

        init(_ job: Job) {
            let utc = TimeZone(identifier: "UTC")!
            id = job.id
            kind = job.kind
            state = job.state
            attempts = job.attempts
            maxAttempts = job.maxAttempts
            runAt = RFC3339.format(job.runAt, in: utc)
            lastError = job.lastError
            createdAt = RFC3339.format(job.createdAt, in: utc)
            updatedAt = RFC3339.format(job.updatedAt, in: utc)
        }
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("jobs", use: list)
        group.post("jobs/:id/retry", use: retry)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<JobView> {
        let user = try context.requireConfigurer()
        var state: Job.State?
        if let text = request.uri.queryParameters.get("state") {
            guard let parsed = Job.State(rawValue: text) else {
                throw SlotlineError.invalid("state", Job.State.allCases.map(\.rawValue).joined(separator: ", "))
            }
            state = parsed
        }
        let limit = try FieldInput.integer(request.uri.queryParameters.get("limit"), field: "limit", range: 1...500, default: 100)
        return ListView(items: try await store.jobs.list(state: state, workspaceId: user.workspaceId, limit: limit).map(JobView.init))
    }

    @Sendable func retry(request: Request, context: SlotlineContext) async throws -> JobView {
        let user = try context.requireConfigurer()
        return JobView(try await desk.retryJob(id: try context.parameters.require(), workspaceId: user.workspaceId))
    }
}
