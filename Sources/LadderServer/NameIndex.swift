/// Which firms' names hold each pair of adjacent characters (ASCII letters folded to small), so a
/// search for a piece of a name reads the firms holding its rarest pair instead of every name. The
/// lists are ascending firm positions, one entry per firm, packed in one array (about 4 bytes per
/// character of every name).
struct NameIndex: Sendable {
    private var slots: [UInt64: Int32] = [:]
    private var starts: [Int32] = []
    private var postings: [Int32] = []

    /// Indexes `names(position)` for positions `0..<count`.
    init(count: Int, names: (Int) -> String) {
        // First pass: each name's pairs as slots, and how many firms hold each slot.
        var pairsOf: [Int32] = []
        var ends: [Int] = []
        var sizes: [Int32] = []
        pairsOf.reserveCapacity(count * 12)
        ends.reserveCapacity(count)
        var seen: [Int32] = []
        for position in 0..<count {
            seen.removeAll(keepingCapacity: true)
            for pair in Self.pairs(names(position)) {
                let slot: Int32
                if let known = slots[pair] {
                    slot = known
                } else {
                    slot = Int32(sizes.count)
                    slots[pair] = slot
                    sizes.append(0)
                }
                guard !seen.contains(slot) else { continue }
                seen.append(slot)
                sizes[Int(slot)] += 1
                pairsOf.append(slot)
            }
            ends.append(pairsOf.count)
        }
        // Second pass: positions into each slot's run.
        starts = Array(repeating: 0, count: sizes.count + 1)
        for (slot, size) in sizes.enumerated() { starts[slot + 1] = starts[slot] + size }
        var fill = starts
        postings = Array(repeating: 0, count: pairsOf.count)
        var begin = 0
        for position in 0..<count {
            for slot in pairsOf[begin..<ends[position]] {
                postings[Int(fill[Int(slot)])] = Int32(position)
                fill[Int(slot)] += 1
            }
            begin = ends[position]
        }
    }

    /// The firms whose names hold every pair of `query`'s characters in the list of its rarest pair
    /// (a superset of the matches; exactly the matches for a two-character query), or nil for a query
    /// of one character, which has no pair.
    func candidates(_ query: String) -> (firms: ArraySlice<Int32>, exact: Bool)? {
        let pairs = Self.pairs(query)
        var best: ArraySlice<Int32>?
        for pair in pairs {
            guard let slot = slots[pair] else { return ([], true) }
            let list = postings[Int(starts[Int(slot)])..<Int(starts[Int(slot) + 1])]
            if best.map({ list.count < $0.count }) ?? true { best = list }
        }
        return best.map { ($0, pairs.count == 1) }
    }

    /// Adjacent characters (Unicode scalars, ASCII letters folded to small) as one key each.
    static func pairs(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        var previous: UInt64?
        for scalar in text.unicodeScalars {
            var value = UInt64(scalar.value)
            if value >= 65 && value <= 90 { value |= 0x20 }
            if let previous { result.append(previous << 21 | value) }
            previous = value
        }
        return result
    }
}
