import Foundation
import SQLKit

/// A struct kept as one row of one table, GRDB-style: `Columns` names each column once, and
/// `fields` lists each once with where its value lives, so inserts, updates and reads share one
/// mapping instead of a field-by-field copy in each direction.
protocol TableRecord: Sendable {
    static var table: String { get }
    /// Every column the record writes, in the order of an insert's values.
    static var fields: [Field<Self>] { get }
    /// What a row is read into: each readable field then overwrites its part.
    static var blank: Self { get }
}

extension TableRecord {
    init(row: any SQLRow) throws {
        self = Self.blank
        for field in Self.fields { try field.read?(row, &self) }
    }
}

/// One column of a record's table and how the record's value is stored in it.
struct Field<Record>: Sendable {
    let column: String
    /// The value to store, bound as a parameter.
    let value: @Sendable (Record) -> any Encodable & Sendable
    /// Reads the column into a record; nil for a value derived when read, stored only for an index.
    let read: (@Sendable (any SQLRow, inout Record) throws -> Void)?
}

// Key paths passed here are literals of stored properties: `& Sendable` lets the closures keep them.
extension Field {
    /// Stored as it is: text, integers, booleans, and their optionals.
    static func value<V: Codable & Sendable>(_ column: String, _ path: WritableKeyPath<Record, V> & Sendable) -> Field {
        Field(column: column, value: { $0[keyPath: path] }) { row, record in
            record[keyPath: path] = try row.decode(column: column, as: V.self)
        }
    }

    /// Stored as it is or NULL; a row without the column reads as nil, as the Codable records read it.
    static func value<V: Codable & Sendable>(_ column: String, _ path: WritableKeyPath<Record, V?> & Sendable) -> Field {
        Field(column: column, value: { $0[keyPath: path] }) { row, record in
            record[keyPath: path] = row.contains(column: column) ? try row.decode(column: column, as: V?.self) : nil
        }
    }

    /// A time as whole Unix seconds.
    static func seconds(_ column: String, _ path: WritableKeyPath<Record, Date> & Sendable) -> Field {
        Field(column: column, value: { $0[keyPath: path].unixSeconds }) { row, record in
            record[keyPath: path] = Date(unixSeconds: try row.decode(column: column, as: Int64.self))
        }
    }

    /// A time that may be missing, as whole Unix seconds or NULL.
    static func seconds(_ column: String, _ path: WritableKeyPath<Record, Date?> & Sendable) -> Field {
        Field(column: column, value: { $0[keyPath: path]?.unixSeconds }) { row, record in
            guard row.contains(column: column) else { return record[keyPath: path] = nil }
            record[keyPath: path] = try row.decode(column: column, as: Int64?.self).map(Date.init(unixSeconds:))
        }
    }

    /// A value of a closed set by its raw text; a value this version does not know reads as `unknown`.
    static func raw<V: RawRepresentable & Sendable>(_ column: String, _ path: WritableKeyPath<Record, V> & Sendable,
                                                    unknown: V) -> Field where V.RawValue == String {
        Field(column: column, value: { $0[keyPath: path].rawValue }) { row, record in
            record[keyPath: path] = V(rawValue: try row.decode(column: column, as: String.self)) ?? unknown
        }
    }

    /// A document as JSON text.
    static func json<V: Codable & Sendable>(_ column: String, _ path: WritableKeyPath<Record, V> & Sendable) -> Field {
        Field(column: column, value: { JSONText.encode($0[keyPath: path]) }) { row, record in
            record[keyPath: path] = try JSONText.decode(V.self, try row.decode(column: column, as: String.self))
        }
    }

    /// Written, never read: a value derived from others, stored for an index.
    static func written(_ column: String, _ value: @escaping @Sendable (Record) -> any Encodable & Sendable) -> Field {
        Field(column: column, value: value, read: nil)
    }
}

/// JSON documents in TEXT columns, keys sorted so that equal values are stored as equal text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension SQLInsertBuilder {
    /// Inserts records in one statement, a column per field.
    func records<R: TableRecord>(_ records: [R]) -> Self {
        let fields = R.fields
        return records.reduce(columns(fields.map(\.column))) { insert, record in
            insert.values(fields.map { SQLBind($0.value(record)) })
        }
    }

    func record<R: TableRecord>(_ record: R) -> Self {
        records([record])
    }
}

extension SQLUpdateBuilder {
    /// Sets every field of a record but the `kept` columns, which never change after insert.
    func set<R: TableRecord>(record: R, keeping kept: Set<String>) -> Self {
        R.fields.filter { !kept.contains($0.column) }.reduce(self) { $0.set($1.column, to: $1.value(record)) }
    }
}

extension SQLRow {
    func record<R: TableRecord>(_ type: R.Type) throws -> R {
        try R(row: self)
    }
}
