import LadderCore
import LadderReports
import Synchronization

/// Every firm of a snapshot as lists and search need it, packed for a million firms: ids and names
/// as UTF-8 in two byte arrays, each firm's district as a small index and its `FirmStanding` (the
/// classification the tally counts through), with the id order and a name index. About 130 bytes a
/// firm; built once per snapshot.
struct FirmRoster: Sendable {
    private var idBytes: [UInt8] = []
    private var idEnds: [UInt32] = []
    private var nameBytes: [UInt8] = []
    private var nameEnds: [UInt32] = []
    private var districtOf: [UInt16] = []
    /// The district keys, indexed by `districtOf`.
    private(set) var districts: [String] = []
    private var districtIndex: [String: UInt16] = [:]
    private(set) var standings: [FirmStanding] = []
    /// Firm positions by district (in snapshot order), and all positions sorted by id.
    private var byDistrict: [[Int32]] = []
    private var sortedByID: [Int32] = []
    /// Pairs of adjacent name characters → firms (search by a piece of the name).
    private(set) var nameIndex = NameIndex(count: 0) { _ in "" }
    /// A district's firms counted under a status, made on first use (`positions(inDistrict:countedAs:)`).
    private let statusLists = StatusLists()

    var count: Int { standings.count }

    init(capacity: Int = 0) {
        idBytes.reserveCapacity(capacity * 18)
        idEnds.reserveCapacity(capacity)
        nameBytes.reserveCapacity(capacity * 36)
        nameEnds.reserveCapacity(capacity)
        districtOf.reserveCapacity(capacity)
        standings.reserveCapacity(capacity)
    }

    /// Adds a firm; call `finish()` after the last.
    mutating func append(id: String, name: String, district: String, standing: FirmStanding) {
        idBytes.append(contentsOf: id.utf8)
        idEnds.append(UInt32(idBytes.count))
        nameBytes.append(contentsOf: name.utf8)
        nameEnds.append(UInt32(nameBytes.count))
        let index: UInt16
        if let known = districtIndex[district] {
            index = known
        } else {
            index = UInt16(truncatingIfNeeded: districts.count)
            districts.append(district)
            districtIndex[district] = index
        }
        districtOf.append(index)
        standings.append(standing)
    }

    /// Builds the district lists and the id order.
    mutating func finish() {
        byDistrict = Array(repeating: [], count: districts.count)
        for (position, district) in districtOf.enumerated() { byDistrict[Int(district)].append(Int32(position)) }
        sortedByID = (0..<Int32(count)).sorted { idLess($0, $1) }
        nameIndex = NameIndex(count: count) { name($0) }
        idBytes.reserveCapacity(0)
        nameBytes.reserveCapacity(0)
    }

    private func idRange(_ position: Int) -> Range<Int> {
        (position == 0 ? 0 : Int(idEnds[position - 1]))..<Int(idEnds[position])
    }

    private func nameRange(_ position: Int) -> Range<Int> {
        (position == 0 ? 0 : Int(nameEnds[position - 1]))..<Int(nameEnds[position])
    }

    private func idLess(_ a: Int32, _ b: Int32) -> Bool {
        idBytes[idRange(Int(a))].lexicographicallyPrecedes(idBytes[idRange(Int(b))])
    }

    func id(_ position: Int) -> String { String(decoding: idBytes[idRange(position)], as: UTF8.self) }
    func name(_ position: Int) -> String { String(decoding: nameBytes[nameRange(position)], as: UTF8.self) }
    func district(_ position: Int) -> String { districts[Int(districtOf[position])] }
    /// The index in `districts` of the firm's district.
    func districtSlot(_ position: Int) -> Int { Int(districtOf[position]) }

    /// Whether the firm's id starts with these bytes.
    func id(_ position: Int, startsWith prefix: [UInt8]) -> Bool {
        !prefix.isEmpty && idBytes[idRange(position)].starts(with: prefix)
    }

    /// The position of the firm with this id, or nil (a binary search of the id order).
    func position(of id: String) -> Int? {
        let key = Array(id.utf8)
        let found = lowerBound(key)
        guard found < sortedByID.count else { return nil }
        let position = Int(sortedByID[found])
        return idBytes[idRange(position)].elementsEqual(key) ? position : nil
    }

    /// The first index in the id order whose id is not less than `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0, high = sortedByID.count
        while low < high {
            let middle = (low + high) / 2
            if idBytes[idRange(Int(sortedByID[middle]))].lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index in the id order whose id neither precedes `key` nor starts with it: the end of
    /// the ids starting with `key`.
    private func prefixEnd(_ key: [UInt8]) -> Int {
        var low = 0, high = sortedByID.count
        while low < high {
            let middle = (low + high) / 2
            let range = idRange(Int(sortedByID[middle]))
            let head = range.lowerBound..<min(range.upperBound, range.lowerBound + key.count)
            // Only the id's first key.count bytes decide: not after the key means inside or before the run.
            if !key.lexicographicallyPrecedes(idBytes[head]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Positions of firms whose id starts with `prefix`, in id order (two binary searches).
    func positions(idPrefix prefix: String) -> ArraySlice<Int32> {
        let key = Array(prefix.utf8)
        let start = lowerBound(key)
        return sortedByID[start..<max(start, prefixEnd(key))]
    }

    /// Positions of a district's firms, in snapshot order (empty for a district with none).
    func positions(inDistrict key: String) -> [Int32] {
        districtIndex[key].map { byDistrict[Int($0)] } ?? []
    }

    /// Positions of a district's firms counted under `status` (`FirmStanding.isCounted(as:)`), in
    /// snapshot order: found by one scan of the district on first use, then kept with the snapshot.
    func positions(inDistrict key: String, countedAs status: TallyStatus) -> [Int32] {
        let listKey = StatusLists.Key(district: key, status: status)
        if let found = statusLists.lists.withLock({ $0[listKey] }) { return found }
        let found = positions(inDistrict: key).filter { standings[Int($0)].isCounted(as: status) }
        statusLists.lists.withLock { $0[listKey] = found }
        return found
    }

    /// Whether the firm's name contains `needle` (UTF-8, ASCII letters already lower-cased), ASCII
    /// letters compared in any case. A byte scan: UTF-8 makes a byte match a character match.
    func name(_ position: Int, contains needle: [UInt8]) -> Bool {
        let range = nameRange(position)
        guard let first = needle.first, range.count >= needle.count else { return needle.isEmpty }
        var start = range.lowerBound
        let last = range.upperBound - needle.count
        while start <= last {
            if Self.fold(nameBytes[start]) == first {
                var matched = 1
                while matched < needle.count && Self.fold(nameBytes[start + matched]) == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    /// An ASCII capital as its small letter; every other byte as it is.
    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    /// The search key of a query: its UTF-8 with ASCII letters lower-cased.
    static func needle(_ query: String) -> [UInt8] { query.utf8.map(fold) }
}

/// The district-and-status lists of a roster, shared by its copies (a roster is built once per snapshot).
final class StatusLists: Sendable {
    struct Key: Hashable { var district: String, status: TallyStatus }
    let lists = Mutex<[Key: [Int32]]>([:])
}
