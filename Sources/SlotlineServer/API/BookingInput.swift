import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// The body of a new booking, from the public page or from staff.
struct BookingInput: Decodable {
    struct CustomerInput: Decodable {
        let name: String?
        let email: String?
        let phone: String?
        let language: Language?
        let timeZone: String?
    }
    let serviceId: String?
    let practitionerId: String?
    let startsAt: String?
    let seats: Int?
    let customer: CustomerInput?
    let notes: String?

    func newBooking(defaultLanguage: Language) throws -> NewBooking {
        guard let serviceId else { throw SlotlineError.missing("serviceId") }
        guard let customer else { throw SlotlineError.missing("customer") }
        guard let name = customer.name else { throw SlotlineError.missing("customer.name") }
        guard let email = customer.email else { throw SlotlineError.missing("customer.email") }
        _ = try FieldInput.timeZone(customer.timeZone, field: "customer.timeZone")
        return NewBooking(
            serviceId: serviceId, practitionerId: practitionerId,
            startsAt: try FieldInput.time(startsAt, field: "startsAt"), seats: seats ?? 1,
            customer: Customer(name: name, email: email, phone: customer.phone ?? "",
                               language: customer.language ?? defaultLanguage, timeZone: customer.timeZone ?? "UTC"),
            notes: notes ?? "")
    }
}
