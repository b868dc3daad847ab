import XMLStream

/// A growable byte buffer for collecting a text node's runs, reused across elements without
/// reallocating or zero-filling.
struct ByteBuffer {
    private var storage = [UInt8](repeating: 0, count: 256)
    private(set) var count = 0

    /// Empties the buffer, keeping its capacity.
    mutating func reset() { count = 0 }

    /// Appends a run of text.
    mutating func append(_ bytes: XMLBytes) {
        let needed = count + bytes.count
        if needed > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(needed, storage.count * 2) - storage.count))
        }
        storage.withUnsafeMutableBufferPointer { target in
            _ = bytes.withContiguousStorageIfAvailable { source in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                (to + count).update(from: from, count: source.count)
            }
        }
        count = needed
    }

    /// Replaces the contents with a copy of `bytes` (no allocation once the capacity suffices).
    mutating func set(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(bytes.count, storage.count * 2) - storage.count))
        }
        storage.withUnsafeMutableBufferPointer { target in
            guard let from = bytes.baseAddress, let to = target.baseAddress else { return }
            to.update(from: from, count: bytes.count)
        }
        count = bytes.count
    }

    /// Runs a body over the collected bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Runs a value parser over the collected bytes.
    func parse<T>(_ body: (UnsafeBufferPointer<UInt8>) -> Result<T, ValueProblem>) -> Result<T, ValueProblem> {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// The collected bytes as a string, XML white space trimmed.
    func string(trimmed: Bool) -> String {
        storage.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[0..<count])
            return ValueParser.text(trimmed ? ValueParser.trimmed(bytes) : bytes)
        }
    }
}
