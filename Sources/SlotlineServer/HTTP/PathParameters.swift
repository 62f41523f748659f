import Hummingbird
import SlotlineCore

extension Parameters {
    /// The one way to read a path parameter: present and non-empty, or a 400 naming it.
    func require(_ name: String = "id") throws -> String {
        guard let value = get(name), !value.isEmpty else { throw SlotlineError.missing(name) }
        return value
    }

    /// A path parameter read as `T` (a number, an enum's raw value): a 400 naming it when it is not one.
    func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws -> T {
        guard let value = T(try require(name)) else { throw SlotlineError.invalid(name) }
        return value
    }
}
