import Testing
import XMLStream

@Suite("Growable buffer and flat table")
struct RawBuffersTests {
    @Test("a growable buffer keeps its contents as it grows, empties without shrinking, compares by content")
    func growable() {
        var buffer = GrowableBuffer<Int32>(capacity: 1)
        for value in 0..<1_000 { buffer.append(Int32(value)) }
        let count = buffer.count, last = buffer[999]
        #expect(count == 1_000 && last == 999)
        let removed = buffer.removeLast(), left = buffer.count
        #expect(removed == 999 && left == 999)
        var other = GrowableBuffer<Int32>(capacity: 4)
        buffer.withUnsafeBufferPointer { other.set($0) }
        let same = other.elementsEqual(buffer)
        #expect(same)
        other[0] = -1
        let changed = other.elementsEqual(buffer)
        #expect(!changed)
        buffer.removeAll()
        let empty = buffer.isEmpty
        #expect(empty)
    }

    @Test("a flat table holds what it was made from")
    func flat() {
        let table = FlatTable([3, 1, 4, 1, 5])
        let count = table.count, third = table[2]
        #expect(count == 5 && third == 4)
        let empty = FlatTable(repeating: UInt8(7), count: 0)
        let none = empty.count
        #expect(none == 0)
    }
}
