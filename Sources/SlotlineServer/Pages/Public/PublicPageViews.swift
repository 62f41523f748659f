import Foundation
import SlotlineCore

/// A service as the booking page lists it.
struct ServiceCard {
    let name: String
    let description: String
    let duration: String
    let price: String?
    let online: Bool
    let seats: String?
    let href: String

    init(_ service: Service, words: Words, href: String) {
        name = service.name
        description = service.description
        duration = words["page.book.minutes", with: ["minutes": String(service.durationMinutes)]]
        price = service.priceText.isEmpty ? nil : service.priceText
        online = service.online
        seats = service.isGroup ? words["page.book.group", with: ["capacity": String(service.capacity)]] : nil
        self.href = href
    }
}

struct ServicesView {
    let workspaceName: String
    let services: [ServiceCard]
    let hasServices: Bool
}

struct PractitionerChoice {
    let name: String
    let href: String
    let current: Bool
}

struct TimesView {
    let service: ServiceCard
    let picker: SlotPicker
    /// Empty when the service has one practitioner.
    let practitioners: [PractitionerChoice]
    let choosesPractitioner: Bool
    let backHref: String

    init(service: ServiceCard, picker: SlotPicker, practitioners: [PractitionerChoice], backHref: String) {
        self.service = service
        self.picker = picker
        self.practitioners = practitioners
        choosesPractitioner = !practitioners.isEmpty
        self.backHref = backHref
    }
}

struct BookFormView {
    let service: ServiceCard
    let when: String
    let form: FormState
    let action: String
    let csrf: String
    let lang: String
    let backHref: String
}
