import LadderCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A profile's translation tables in memory of their own, for the import's hot path: looking a value
/// up compares lengths and bytes, and retains, copies or allocates nothing per value. District and zone
/// names that tables with `districtNames` resolve (`District.code(named:)`) are remembered here too, for
/// every such table, with their codes.
final class ProfileTranslator {
    /// The outcome of translating a value.
    enum Translated {
        /// Use these bytes instead (valid until the next call of `translate`).
        case value(UnsafeBufferPointer<UInt8>)
        /// Use the original bytes.
        case unchanged
        /// The table has no entry for the value.
        case missing
    }

    /// One pair of values, as ranges of `bytes`, with the first eight bytes of `from` as a number
    /// (`head`), compared before the rest.
    private struct Entry {
        var from: Int
        var fromCount: Int
        var to: Int
        var toCount: Int
        var head: UInt64
    }

    /// A table's entries, `entries[start ..< start + count]`.
    private struct Table {
        var start: Int
        var count: Int
        var districtNames: Bool
        var keepOthers: Bool
    }

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCount = 0
    private var entryCapacity: Int
    private let tables: UnsafeMutablePointer<Table>
    /// The district names resolved so far: `entries[districtStart ..< entryCount]`.
    private var districtStart = 0

    init(_ translations: [ProfileTranslation]) {
        byteCapacity = max(translations.reduce(0) { $0 + $1.entries.reduce(0) { $0 + $1.from.count + $1.to.count } }, 64)
        bytes = .allocate(capacity: byteCapacity)
        entryCapacity = max(translations.reduce(0) { $0 + $1.entries.count }, 16)
        entries = .allocate(capacity: entryCapacity)
        tables = .allocate(capacity: max(translations.count, 1))
        for (index, translation) in translations.enumerated() {
            (tables + index).initialize(to: Table(start: entryCount, count: translation.entries.count,
                                                  districtNames: translation.districtNames, keepOthers: translation.keepOthers))
            for entry in translation.entries {
                entry.from.withUnsafeBufferPointer { from in entry.to.withUnsafeBufferPointer { to in add(from, to) } }
            }
        }
        districtStart = entryCount
    }

    deinit {
        bytes.deallocate()
        entries.deallocate()
        tables.deallocate()
    }

    /// Looks a value up in table `table` (white space around the value ignored).
    func translate(_ raw: UnsafeBufferPointer<UInt8>, table index: Int) -> Translated {
        let value = ValueParser.trimmed(raw)
        let table = tables[index]
        if let found = find(value, in: table.start..<table.start + table.count) { return .value(found) }
        if table.districtNames {
            if let found = find(value, in: districtStart..<entryCount) { return .value(found) }
            if value.count == 6, value.allSatisfy({ (48...57).contains($0) }) { return .unchanged }
            if let code = District.code(named: ValueParser.text(value)) {
                var code = code
                code.withUTF8 { add(value, $0) }
                let entry = entries[entryCount - 1]
                return .value(UnsafeBufferPointer(start: bytes + entry.to, count: entry.toCount))
            }
        }
        return table.keepOthers ? .unchanged : .missing
    }

    /// The `to` bytes of the first entry in `range` whose `from` bytes are `value`.
    private func find(_ value: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> UnsafeBufferPointer<UInt8>? {
        let head = Self.head(value)
        for index in range {
            let entry = entries[index]
            guard entry.fromCount == value.count, entry.head == head,
                value.count <= 8 || memcmp(bytes + entry.from + 8, value.baseAddress.unsafelyUnwrapped + 8, value.count - 8) == 0
            else { continue }
            return UnsafeBufferPointer(start: bytes + entry.to, count: entry.toCount)
        }
        return nil
    }

    /// The first eight bytes (or fewer) of a value as a number.
    @inline(__always) private static func head(_ value: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = value.baseAddress else { return 0 }
        if value.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var head: UInt64 = 0
        for index in 0..<value.count { head |= UInt64(base[index]) << (8 * index) }
        return head
    }

    private func add(_ from: UnsafeBufferPointer<UInt8>, _ to: UnsafeBufferPointer<UInt8>) {
        if byteCount + from.count + to.count > byteCapacity {
            let larger = max(byteCapacity * 2, byteCount + from.count + to.count)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            fresh.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = fresh
            byteCapacity = larger
        }
        if entryCount == entryCapacity {
            let fresh = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            fresh.moveInitialize(from: entries, count: entryCount)
            entries.deallocate()
            entries = fresh
            entryCapacity *= 2
        }
        let entry = Entry(from: byteCount, fromCount: from.count, to: byteCount + from.count, toCount: to.count, head: Self.head(from))
        if let base = from.baseAddress { (bytes + entry.from).update(from: base, count: from.count) }
        if let base = to.baseAddress { (bytes + entry.to).update(from: base, count: to.count) }
        byteCount += from.count + to.count
        (entries + entryCount).initialize(to: entry)
        entryCount += 1
    }
}

/// The date forms of every field of a profile, compiled to one run of bytes so that reading a date
/// retains, copies or allocates nothing. Per form, its tokens — 1 `YYYY`, 2 `MM`, 3 `M`, 4 `DD`, 5 `D`,
/// 6 and a length n then n bytes: a literal — then 0; after a field's last form, 0xFF. `YYYY-MM-DD` is
/// compiled like any other form: it accepts what `ValueParser.day` accepts.
final class ProfileDateReader {
    private enum Op {
        static let end: UInt8 = 0, year: UInt8 = 1, month2: UInt8 = 2, month: UInt8 = 3, day2: UInt8 = 4, day: UInt8 = 5
        static let literal: UInt8 = 6, last: UInt8 = 0xFF
    }

    private let program: UnsafeMutablePointer<UInt8>
    /// Where each field's forms start in `program`, -1 for a field without forms.
    private let starts: UnsafeMutablePointer<Int>
    private let fieldCount: Int

    init(_ fields: [ProfileField]) {
        var code: [UInt8] = []
        var starts: [Int] = []
        for field in fields {
            guard !field.dates.isEmpty else {
                starts.append(-1)
                continue
            }
            starts.append(code.count)
            for format in field.dates {
                for token in format.tokens {
                    switch token {
                    case .year: code.append(Op.year)
                    case .month(let fixed): code.append(fixed ? Op.month2 : Op.month)
                    case .day(let fixed): code.append(fixed ? Op.day2 : Op.day)
                    case .literal(let bytes):
                        var rest = bytes[...]
                        while !rest.isEmpty {
                            let piece = rest.prefix(255)
                            code += [Op.literal, UInt8(piece.count)] + piece
                            rest = rest.dropFirst(piece.count)
                        }
                    }
                }
                code.append(Op.end)
            }
            code.append(Op.last)
        }
        program = .allocate(capacity: max(code.count, 1))
        program.initialize(from: code, count: code.count)
        self.starts = .allocate(capacity: max(starts.count, 1))
        self.starts.initialize(from: starts, count: starts.count)
        fieldCount = fields.count
    }

    deinit {
        program.deallocate()
        starts.deallocate()
    }

    /// A date in one of field `field`'s forms (white space around it ignored); nil when it matches none
    /// or is not a real date.
    func day(_ raw: UnsafeBufferPointer<UInt8>, field: Int) -> Day? {
        guard field >= 0, field < fieldCount, starts[field] >= 0 else { return nil }
        let bytes = ValueParser.trimmed(raw)
        var pc = starts[field]
        while program[pc] != Op.last {
            if let day = match(bytes, &pc) { return day }
        }
        return nil
    }

    /// Matches the form at `pc` and leaves `pc` at the next form: the date when the bytes are in the form
    /// and the date is real.
    private func match(_ bytes: UnsafeBufferPointer<UInt8>, _ pc: inout Int) -> Day? {
        let count = bytes.count
        var index = 0
        var year = 0, month = 0, day = 0
        var matched = true
        // Up to `maximum` digits, at least `minimum`.
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var read = 0
            while read < maximum, index < count {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { break }
                value = value &* 10 &+ digit
                index += 1
                read += 1
            }
            return read >= minimum ? value : nil
        }
        while true {
            let op = program[pc]
            pc += 1
            if op == Op.end { break }
            guard matched else {
                if op == Op.literal { pc += 1 + Int(program[pc]) }
                continue
            }
            switch op {
            case Op.year:
                if let value = digits(4, 4) { year = value } else { matched = false }
            case Op.month2, Op.month:
                if let value = digits(op == Op.month2 ? 2 : 1, 2) { month = value } else { matched = false }
            case Op.day2, Op.day:
                if let value = digits(op == Op.day2 ? 2 : 1, 2) { day = value } else { matched = false }
            default:
                let length = Int(program[pc])
                pc += 1
                if length > 0, index + length <= count,
                    memcmp(program + pc, bytes.baseAddress.unsafelyUnwrapped + index, length) == 0 {
                    index += length
                } else {
                    matched = false
                }
                pc += length
            }
        }
        guard matched, index == count else { return nil }
        return Day(year: year, month: month, day: day)
    }
}

