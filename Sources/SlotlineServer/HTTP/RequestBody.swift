import Foundation
import Hummingbird
import NIOCore
import SlotlineCore

/// Reads JSON request bodies with errors that name the offending field.
enum RequestBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: SlotlineContext) async throws -> T {
        try decode(type, from: try await data(of: request, context: context))
    }

    /// The raw body, refused when too large or not of `mediaType` (JSON unless said otherwise).
    static func data(of request: Request, context: SlotlineContext, mediaType: String = "application/json") async throws -> Data {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error where error is NIOTooManyBytesError || (error as? HTTPError)?.status == .contentTooLarge {
            // NIO's `collect(upTo:)` reports an oversized body as NIOTooManyBytesError, not as an HTTPError.
            throw SlotlineError(.payloadTooLarge, field: "body", detail: "\(context.maxUploadSize) bytes")
        }
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix(mediaType) {
            throw SlotlineError(.unsupportedMediaType, field: "Content-Type")
        }
        return Data(buffer: buffer)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            // No body reads as an empty object: optional fields stay optional, required ones are named.
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// Maps a decoding failure onto the field it concerns.
    static func describe(_ error: DecodingError) -> SlotlineError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            // The whole document is the wrong shape (`[]`, `null`): name the body rather than an empty field.
            guard !keys.isEmpty else { return "body" }
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context):
            return SlotlineError(.missingParameter, field: path(context.codingPath, key))
        case let .valueNotFound(_, context):
            return SlotlineError(.missingParameter, field: path(context.codingPath))
        case let .typeMismatch(type, context):
            return SlotlineError(.invalidParameter, field: path(context.codingPath), detail: "expected \(type)")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return SlotlineError(.invalidJSON) }
            return SlotlineError(.invalidParameter, field: path(context.codingPath), detail: context.debugDescription)
        @unknown default:
            return SlotlineError(.invalidJSON)
        }
    }
}
