import Hummingbird
import NIOCore

/// Request context that keeps the connection, so a fault can drop it without answering.
struct ZoomRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Thrown after the connection was closed on purpose; nothing is left to answer.
struct ZoomAnswerDropped: Error {}

/// Writes every request to the simulator's request log with the status it got.
struct ZoomRequestLogMiddleware: RouterMiddleware {
    typealias Context = ZoomRequestContext
    let state: ZoomSimulatorState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        do {
            let response = try await next(request, context)
            await state.log(SimulatedZoomRequest(method: method, path: path, status: response.status.code))
            return response
        } catch is ZoomAnswerDropped {
            await state.log(SimulatedZoomRequest(method: method, path: path, status: nil))
            throw ZoomAnswerDropped()
        } catch let error as any HTTPResponseError {
            await state.log(SimulatedZoomRequest(method: method, path: path, status: error.status.code))
            throw error
        } catch {
            await state.log(SimulatedZoomRequest(method: method, path: path, status: 500))
            throw error
        }
    }
}
