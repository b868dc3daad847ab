/// The two containers the hot paths use instead of `Array` where an array's uniqueness checks and
/// retains show in the import's instruction count: a growable buffer and a fixed table, both of plain
/// values in memory they own. They are two of the few places that hold unsafe code (listed in
/// docs/ARCHITECTURE.md); their interfaces are safe: every index is checked.

/// A growable run of plain values, reused without reallocating or zero-filling (text being collected,
/// a stack of nodes, a record's kept values).
///
/// Invariant: `base` points to `capacity` allocated elements, of which the first `count` are
/// initialized; it is owned by this value alone (noncopyable) and freed once, by `deinit`.
public struct GrowableBuffer<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var held = 0
    /// The number of elements held.
    @inlinable public var count: Int { held }

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    public var isEmpty: Bool { count == 0 }

    /// Empties the buffer, keeping its capacity.
    @inlinable public mutating func removeAll() { held = 0 }

    /// The element at `index` (checked).
    @inlinable public subscript(index: Int) -> Element {
        get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "GrowableBuffer index out of range")
            return base[index]
        }
        set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "GrowableBuffer index out of range")
            base[index] = newValue
        }
        _modify {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "GrowableBuffer index out of range")
            yield &base[index]
        }
    }

    /// Appends one element.
    @inlinable public mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        held &+= 1
    }

    /// Removes and returns the last element; the buffer must not be empty.
    @inlinable public mutating func removeLast() -> Element {
        precondition(count > 0, "GrowableBuffer is empty")
        held &-= 1
        return base[held]
    }

    /// Appends a run of elements.
    @inlinable public mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        let needed = count + elements.count
        if needed > capacity { grow(to: needed) }
        (base + held).update(from: source, count: elements.count)
        held = needed
    }

    /// Replaces the contents with a copy of `elements`.
    @inlinable public mutating func set(_ elements: UnsafeBufferPointer<Element>) {
        held = 0
        append(contentsOf: elements)
    }

    /// Makes room for at least `needed` elements, keeping the contents.
    @usableFromInline @inline(never) mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = larger
    }

    /// Runs a body over the elements held (valid only during the call).
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Whether the contents equal `other`'s, element for element.
    public func elementsEqual(_ other: borrowing GrowableBuffer<Element>) -> Bool where Element: Equatable {
        guard count == other.count else { return false }
        for index in 0..<count where base[index] != other.base[index] { return false }
        return true
    }
}

/// A table of plain values fixed when it is made (a compiled profile's transitions and field lists),
/// read without retains or uniqueness checks.
///
/// Invariant: `base` points to `count` initialized elements that never change, owned by this value
/// alone (noncopyable) and freed once, by `deinit`.
public struct FlatTable<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    public init(_ elements: [Element]) {
        count = elements.count
        base = .allocate(capacity: max(count, 1))
        base.initialize(from: elements, count: count)
    }

    public init(repeating element: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: element, count: count)
    }

    deinit { base.deallocate() }

    /// The element at `index` (checked).
    @inlinable public subscript(index: Int) -> Element {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "FlatTable index out of range")
        return base[index]
    }
}

/// A table never changes once made, so tables of sendable values can be shared between threads.
extension FlatTable: @unchecked Sendable where Element: Sendable {}
