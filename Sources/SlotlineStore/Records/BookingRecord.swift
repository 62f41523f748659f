import Foundation
import SlotlineCore
import SQLKit

/// A booking's row: the booking, and the hash of the manage token its customer keeps.
struct BookingRecord: TableRecord {
    static let table = "bookings"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let serviceId = "service_id"
        static let practitionerId = "practitioner_id"
        static let state = "state"
        static let startsAt = "starts_at"
        static let endsAt = "ends_at"
        /// The start less the buffer before, and the end plus the buffer after: what busy reads scan.
        static let blockStart = "block_start"
        static let blockEnd = "block_end"
        static let bufferBeforeMinutes = "buffer_before_minutes"
        static let bufferAfterMinutes = "buffer_after_minutes"
        static let seats = "seats"
        static let customerName = "customer_name"
        static let customerEmail = "customer_email"
        static let customerPhone = "customer_phone"
        static let customerLanguage = "customer_language"
        static let customerTimeZone = "customer_time_zone"
        static let notes = "notes"
        static let holdExpiresAt = "hold_expires_at"
        static let paidAt = "paid_at"
        static let requestKind = "request_kind"
        static let requestStartsAt = "request_starts_at"
        static let requestReason = "request_reason"
        static let requestedAt = "requested_at"
        static let sequence = "sequence"
        static let lineId = "line_id"
        static let manageTokenHash = "manage_token_hash"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    var booking: Booking
    var manageTokenHash: String

    static let fields: [Field<BookingRecord>] = [
        .value(Columns.id, \.booking.id),
        .value(Columns.workspaceId, \.booking.workspaceId),
        .value(Columns.serviceId, \.booking.serviceId),
        .value(Columns.practitionerId, \.booking.practitionerId),
        .raw(Columns.state, \.booking.state, unknown: .cancelled),
        .seconds(Columns.startsAt, \.booking.startsAt),
        .seconds(Columns.endsAt, \.booking.endsAt),
        .written(Columns.blockStart) { $0.booking.blockStart.unixSeconds },
        .written(Columns.blockEnd) { $0.booking.blockEnd.unixSeconds },
        .value(Columns.bufferBeforeMinutes, \.booking.bufferBeforeMinutes),
        .value(Columns.bufferAfterMinutes, \.booking.bufferAfterMinutes),
        .value(Columns.seats, \.booking.seats),
        .value(Columns.customerName, \.booking.customer.name),
        .value(Columns.customerEmail, \.booking.customer.email),
        .value(Columns.customerPhone, \.booking.customer.phone),
        .raw(Columns.customerLanguage, \.booking.customer.language, unknown: .en),
        .value(Columns.customerTimeZone, \.booking.customer.timeZone),
        .value(Columns.notes, \.booking.notes),
        .seconds(Columns.holdExpiresAt, \.booking.holdExpiresAt),
        .seconds(Columns.paidAt, \.booking.paidAt),
        // The change request spans four columns: read whole with the first of them.
        Field(column: Columns.requestKind, value: { $0.booking.request?.kind.rawValue }) { row, record in
            record.booking.request = try BookingRecord.request(in: row)
        },
        .written(Columns.requestStartsAt) { $0.booking.request?.startsAt?.unixSeconds },
        .written(Columns.requestReason) { $0.booking.request?.reason },
        .written(Columns.requestedAt) { $0.booking.request?.requestedAt.unixSeconds },
        .value(Columns.sequence, \.booking.sequence),
        .value(Columns.lineId, \.booking.lineId),
        .value(Columns.manageTokenHash, \.manageTokenHash),
        .seconds(Columns.createdAt, \.booking.createdAt),
        .seconds(Columns.updatedAt, \.booking.updatedAt),
    ]

    static let blank = BookingRecord(
        booking: Booking(id: "", workspaceId: "", serviceId: "", practitionerId: "", state: .cancelled, startsAt: .distantPast,
                         endsAt: .distantPast, customer: Customer(name: "", email: "", timeZone: ""),
                         createdAt: .distantPast, updatedAt: .distantPast),
        manageTokenHash: "")

    /// The change request a row holds, if any; one without its time counts as made at the last update.
    private static func request(in row: any SQLRow) throws -> ChangeRequest? {
        guard let kind = try row.decode(column: Columns.requestKind, as: String?.self).flatMap(ChangeRequest.Kind.init(rawValue:))
        else { return nil }
        let requestedAt = try row.decode(column: Columns.requestedAt, as: Int64?.self)
        return ChangeRequest(kind: kind, startsAt: try row.decode(column: Columns.requestStartsAt, as: Int64?.self).map(Date.init(unixSeconds:)),
                             reason: try row.decode(column: Columns.requestReason, as: String?.self) ?? "",
                             requestedAt: Date(unixSeconds: try requestedAt ?? row.decode(column: Columns.updatedAt, as: Int64.self)))
    }
}
