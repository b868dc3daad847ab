import XMLStream

/// A growable byte buffer reused across records without reallocating or zero-filling (a profile's
/// group key). A reference type over raw memory: appends are a bounds check and a
/// copy (no uniqueness check, no closure); each user owns its own buffer.
final class ByteBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the buffer, keeping its capacity.
    func reset() { count = 0 }

    /// Appends a run of text.
    func append(_ bytes: XMLBytes) {
        let needed = count + bytes.count
        if needed > capacity { grow(to: needed) }
        _ = bytes.withContiguousStorageIfAvailable { source in
            guard let from = source.baseAddress else { return }
            (storage + count).update(from: from, count: source.count)
        }
        count = needed
    }

    /// Replaces the contents with a copy of `bytes` (no allocation once the capacity suffices).
    func set(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count > capacity { grow(to: bytes.count) }
        if let from = bytes.baseAddress { storage.update(from: from, count: bytes.count) }
        count = bytes.count
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        fresh.update(from: storage, count: count)
        storage.deallocate()
        storage = fresh
        capacity = larger
    }

    /// Runs a body over the collected bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: storage, count: count))
    }
}
