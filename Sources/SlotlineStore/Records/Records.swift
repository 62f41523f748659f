import Foundation
import SQLKit

/// Rows are `Codable` structs whose camelCase properties map to snake_case columns.
enum Row {
    static let decoder = SQLRowDecoder(keyDecodingStrategy: .custom(ColumnNames.strategy))
    static let encoder = SQLQueryEncoder(keyEncodingStrategy: .custom(ColumnNames.strategy), nilEncodingStrategy: .asNil)

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension SQLUpdateBuilder {
    /// Sets every column of a record except those that never change after insert.
    func set<R: Encodable & Sendable>(record: R, keeping kept: Set<String> = ["id", "workspace_id", "created_at"]) throws -> Self {
        try Row.encoder.encode(record).filter { !kept.contains($0.0) }.reduce(self) { $0.set(SQLColumn($1.0), to: $1.1) }
    }
}

extension SQLRow {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(model: type, with: Row.decoder)
    }
}
