import LadderCore
import XMLStream

/// The attribute values of the repeated fact a profile is reading, kept until its element ends: a
/// profile maps a fact's attributes from anywhere inside it, in any order, and they are checked together.
/// Sized by the vocabulary (`FactKind.maxAttributes`); memory is reused from fact to fact.
struct FactValues: ~Copyable {
    /// The values, one after another in the order read.
    private var bytes = GrowableBuffer<UInt8>(capacity: 256)
    /// Per attribute: where its value starts in `bytes`, its length (-1: not read) and its field.
    private var slots = GrowableBuffer<Int>(capacity: 3 * FactKind.maxAttributes)

    init() {
        for _ in 0..<FactKind.maxAttributes {
            slots.append(0)
            slots.append(-1)
            slots.append(-1)
        }
    }

    /// Forgets every value: a fact starts.
    mutating func removeAll() {
        bytes.removeAll()
        for attribute in 0..<FactKind.maxAttributes { slots[3 * attribute + 1] = -1 }
    }

    /// Keeps a copy of attribute `attribute`'s value, read through profile field `field`.
    mutating func set(_ attribute: Int, _ value: UnsafeBufferPointer<UInt8>, field: Int) {
        slots[3 * attribute] = bytes.count
        slots[3 * attribute + 1] = value.count
        slots[3 * attribute + 2] = field
        bytes.append(contentsOf: value)
    }

    /// Whether attribute `attribute` was read.
    func has(_ attribute: Int) -> Bool { slots[3 * attribute + 1] >= 0 }

    /// The profile field attribute `attribute` was read through (-1: not read).
    func field(_ attribute: Int) -> Int { has(attribute) ? slots[3 * attribute + 2] : -1 }

    /// Runs a body over the value kept for attribute `attribute` (empty when not read).
    func withValue<R>(_ attribute: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = slots[3 * attribute], count = max(slots[3 * attribute + 1], 0)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
    }
}
