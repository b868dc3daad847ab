#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a file's bytes on their way to libxml2 so that aliased names arrive as their ASCII aliases
/// (see `XMLNameAliases` for why and for the guarantees). A small scanner follows the markup — text,
/// tags and their quoted attribute values, comments, processing instructions and CDATA sections — and
/// replaces element and attribute names that match a name's bytes in the file's encoding; everything
/// else is copied as it is. It reads ahead in chunks of its own and keeps the state of an unfinished
/// construct from one chunk to the next, so a name cut by a chunk boundary is still seen whole.
final class NameAliasingReader {
    private enum State {
        /// Before the first bytes: the encoding is not known yet.
        case start
        case text
        /// Inside a start or end tag, after its name.
        case tag
        /// Inside a name too long to be aliased: copied to its end.
        case longName
        /// Inside a quoted attribute value (`quote`).
        case quoted
        case comment
        case instruction
        case cdata
        /// Not rewritten any further (an encoding other than UTF-8 or GB18030, a DOCTYPE, broken markup).
        case passThrough
    }

    private enum Encoding { case utf8, gb18030 }

    private let aliases: XMLNameAliases
    private var state = State.start
    private var quote: UInt8 = 0
    private var encoding = Encoding.utf8
    private var patterns = Patterns()

    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    /// The bytes of `input` not yet rewritten.
    private var start = 0
    private var end = 0
    private var atEnd = false
    /// How many bytes past a position the scanner may need to decide what is there.
    private var lookahead = 16

    private let output: UnsafeMutablePointer<UInt8>
    private var outputStart = 0
    private var outputCount = 0

    /// Bytes read from the source so far.
    private(set) var consumed: Int64 = 0
    /// Whether names are rewritten: decided by the file's encoding and what comes before its first
    /// element (a DOCTYPE stops the rewriting), so before libxml2 reports any element. Stays true when
    /// broken markup stops the rewriting later (libxml2 stops there too).
    private(set) var rewrites = false
    /// Whether the scanner has passed the start of the first element.
    private var sawElement = false
    /// The pattern each open element's name matched (-1: none), so that its end tag is checked against
    /// that one pattern rather than looked up; only a shortcut, always verified.
    private let open: UnsafeMutablePointer<Int32>
    private var openCount = 0
    static let openCapacity = 256

    /// - Parameter capacity: the most bytes read ahead at once (at least what the longest name needs).
    ///   Each pass rewrites what has been read but for the last `lookahead` bytes, which start the
    ///   next; a source that gives few bytes per call is read until 4 KiB have come.
    init(aliases: XMLNameAliases, capacity: Int = 1 << 16) {
        self.aliases = aliases
        inputCapacity = max(capacity, 4 * (XMLNameAliases.maxNameBytes + 32))
        // Slack, initialised, for the scanner's word loads and short copies past the last byte read.
        input = .allocate(capacity: inputCapacity + NameAliasingReader.slack)
        input.initialize(repeating: 0, count: inputCapacity + NameAliasingReader.slack)
        open = .allocate(capacity: NameAliasingReader.openCapacity)
        // A name spelt like an alias grows by three bytes at most (its `_` escaped): a pass's output is
        // at most twice its input and one byte; then the last short copy's overrun, and a margin.
        output = .allocate(capacity: 2 * inputCapacity + 4 * NameAliasingReader.slack)
    }

    deinit {
        input.deallocate()
        output.deallocate()
        open.deallocate()
    }

    /// Fills `buffer` with rewritten bytes read through `source`; 0 at the end, nil when reading failed.
    func read(into buffer: UnsafeMutableRawBufferPointer, from source: (UnsafeMutableRawBufferPointer) -> Int?) -> Int? {
        while outputStart == outputCount {
            if atEnd && start == end { return 0 }
            guard refill(from: source) else { return nil }
            outputStart = 0
            outputCount = 0
            rewrite()
        }
        let count = min(buffer.count, outputCount - outputStart)
        buffer.baseAddress?.copyMemory(from: output + outputStart, byteCount: count)
        outputStart += count
        return count
    }

    /// Moves the unread bytes to the front and reads until there is enough to decide on, or the end.
    private func refill(from source: (UnsafeMutableRawBufferPointer) -> Int?) -> Bool {
        if start > 0 {
            memmove(input, input + start, end - start)
            end -= start
            start = 0
        }
        let wanted = min(inputCapacity, max(4 * lookahead, 4096))
        while !atEnd && end < wanted {
            guard let count = source(UnsafeMutableRawBufferPointer(start: input + end, count: inputCapacity - end)) else {
                return false
            }
            if count == 0 { atEnd = true }
            end += count
            consumed += Int64(count)
        }
        return true
    }

    // MARK: Rewriting

    /// Rewrites `input[start..<end]` into `output` as far as it can be decided without more bytes.
    private func rewrite() {
        if case .start = state { begin() }
        var scan = Scan(
            input: input, end: end, limit: atEnd ? end : end - lookahead, atEnd: atEnd, output: output,
            state: state, quote: quote, sawElement: sawElement, gb18030: encoding == .gb18030,
            patterns: patterns.view, open: open, openCount: openCount)
        start = scan.run(from: start)
        openCount = scan.openCount
        if case .passThrough = scan.state, !scan.sawElement { rewrites = false }
        sawElement = scan.sawElement
        state = scan.state
        quote = scan.quote
        outputCount = scan.outputCount
    }

    /// One pass of the scanner over the bytes read, in local state (the hot loop touches no property
    /// of the reader). Bytes that stay as they are are copied lazily: in one piece up to each
    /// replacement (`flush`), and at the end of the pass.
    private struct Scan {
        let input: UnsafeMutablePointer<UInt8>
        let end: Int
        /// Where a construct may start and still be decided without more bytes.
        let limit: Int
        let atEnd: Bool
        let output: UnsafeMutablePointer<UInt8>
        var outputCount = 0
        /// The first byte not yet copied to `output`.
        var pending = 0
        var state: State
        var quote: UInt8
        var sawElement: Bool
        let gb18030: Bool
        let patterns: Patterns.View
        let delimiters = NameAliasingReader.delimiters
        /// The open elements' patterns (see `NameAliasingReader.open`); past its capacity, only counted.
        let open: UnsafeMutablePointer<Int32>
        var openCount: Int
        /// The pattern the last name matched, -1 for none.
        var matched = -1

        init(
            input: UnsafeMutablePointer<UInt8>, end: Int, limit: Int, atEnd: Bool, output: UnsafeMutablePointer<UInt8>,
            state: State, quote: UInt8, sawElement: Bool, gb18030: Bool, patterns: Patterns.View,
            open: UnsafeMutablePointer<Int32>, openCount: Int
        ) {
            self.open = open
            self.openCount = openCount
            self.sawElement = sawElement
            self.input = input
            self.end = end
            self.limit = limit
            self.atEnd = atEnd
            self.output = output
            self.state = state
            self.quote = quote
            self.gb18030 = gb18030
            self.patterns = patterns
        }

        /// Rewrites from `position`; returns where it stopped. Text and tags — nearly all of a file — are
        /// handled in this one loop.
        mutating func run(from position: Int) -> Int {
            var position = position
            pending = position
            while position < limit {
                switch state {
                case .text:
                    guard let opening = findOpening(from: position) else {  // <
                        position = end
                        break
                    }
                    if opening >= limit {  // what follows it may be cut
                        position = opening
                        break
                    }
                    position = opening &+ 1
                    guard position < end else { break }
                    switch input[position] {
                    case 0x2F:  // </
                        position = endName(at: position &+ 1)
                    case 0x3F:  // <?
                        state = .instruction
                        continue
                    case 0x21:  // <!
                        position = markupDeclaration(at: position)
                        continue
                    default:
                        sawElement = true
                        position = name(at: position)
                        push(matched)
                    }
                    if state == .tag { position = inTag(position) }
                case .tag:
                    position = inTag(position)
                case .longName:
                    while position < end && !delimiters[Int(input[position])] { position &+= 1 }
                    if position < end { state = .tag }
                case .quoted:
                    guard let closing = find(quote, from: position) else {
                        position = end
                        break
                    }
                    position = closing &+ 1
                    state = .tag
                case .comment:
                    position = skip(past: "-->", from: position)
                case .instruction:
                    position = skip(past: "?>", from: position)
                case .cdata:
                    position = gb18030 ? skipCDATAInGB18030(from: position) : skip(past: "]]>", from: position)
                case .start, .passThrough:
                    position = end
                }
            }
            flush(to: position)
            return position
        }

        /// After `<!`: a comment, a CDATA section, or (a DOCTYPE) the end of rewriting.
        private mutating func markupDeclaration(at position: Int) -> Int {
            if matches("!--", at: position) {
                state = .comment
                return position + 3
            }
            if matches("![CDATA[", at: position) {
                state = .cdata
                return position + 8
            }
            state = .passThrough
            return position
        }

        /// Inside a tag: white space, `=`, `/`, quoted values and attribute names, up to the tag's end.
        @inline(__always) private mutating func inTag(_ position: Int) -> Int {
            var position = position
            while position < limit {
                let byte = input[position]
                if !delimiters[Int(byte)] {
                    position = name(at: position)
                    if state == .longName { return position }
                    continue
                }
                switch byte {
                case 0x3E:  // >
                    state = .text
                    return position &+ 1
                case 0x22, 0x27:  // " '
                    guard let closing = find(byte, from: position &+ 1) else {
                        quote = byte
                        state = .quoted
                        return end
                    }
                    position = closing &+ 1
                case 0x3C:  // < inside a tag: libxml2 stops here; nothing more to gain
                    state = .passThrough
                    return position
                case 0x2F where position &+ 1 < end && input[position &+ 1] == 0x3E:  // />
                    _ = pop()
                    position &+= 1
                default:
                    position &+= 1
                }
            }
            return position
        }

        /// The name of an end tag: most often the pattern its start tag matched, checked directly.
        @inline(__always) private mutating func endName(at position: Int) -> Int {
            let expected = pop()
            if expected >= 0 {
                let key = patterns.key(expected)
                let next = position &+ key.count
                if next < end && !delimiters[Int(input[position])] && delimiters[Int(input[next])]
                    && NameAliasingReader.equalBytes(input + position, key.base, count: key.count)
                {
                    replace(position, next, with: expected)
                    state = .tag
                    return next
                }
            }
            return name(at: position)
        }

        @inline(__always) private mutating func push(_ pattern: Int) {
            if openCount < NameAliasingReader.openCapacity { open[openCount] = Int32(truncatingIfNeeded: pattern) }
            openCount &+= 1
        }

        @inline(__always) private mutating func pop() -> Int {
            guard openCount > 0 else { return -1 }
            openCount &-= 1
            return openCount < NameAliasingReader.openCapacity ? Int(open[openCount]) : -1
        }

        /// Writes pattern `pattern`'s replacement for the bytes `from..<to`.
        @inline(__always) private mutating func replace(_ from: Int, _ to: Int, with pattern: Int) {
            flush(to: from)
            let replacement = patterns.replacement(pattern)
            NameAliasingReader.copyBytes(to: output + outputCount, from: replacement.base, count: replacement.count)
            outputCount &+= replacement.count
            pending = to
        }

        /// Passes over the name at `position`, replacing it if it has a replacement; leaves the scanner
        /// inside the tag.
        @inline(__always) private mutating func name(at position: Int) -> Int {
            let longest = patterns.longest
            let next = nameEnd(from: position, bound: min(end, position &+ longest &+ 1))
            let count = next &- position
            if count > longest {  // longer than any pattern: only passed over
                state = .longName
                matched = -1
                return next
            }
            state = .tag
            matched = count > 0 && (input[position] >= 0x80 || input[position] == 0x5F) ? patterns.find(input + position, count: count) : -1
            if matched >= 0 { replace(position, next, with: matched) }
            return next
        }

        /// Where the name from `position` ends (its first delimiter), or `bound`. Eight bytes at a
        /// time: a byte below 0x40 is a delimiter candidate (the input buffer has `slack` initialised
        /// bytes past `end`, so the loads stay inside it).
        @inline(__always) private func nameEnd(from position: Int, bound: Int) -> Int {
            var next = position
            let raw = UnsafeRawPointer(input)
            while next < bound {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: next, as: UInt64.self))
                // High bit set in each byte below 0x40 (bytes of 0x80 and above have ~word's high bit clear).
                let low = (word &- 0x4040_4040_4040_4040) & ~word & 0x8080_8080_8080_8080
                if low == 0 {
                    next &+= 8
                    continue
                }
                let candidate = next &+ low.trailingZeroBitCount >> 3
                // Bytes before it are name bytes; it is a delimiter, or a name byte below 0x40 (digit, -, .).
                if delimiters[Int(input[candidate])] { return min(candidate, bound) }
                next = candidate &+ 1
            }
            return bound
        }

        /// Copies the bytes passed over since the last replacement.
        @inline(__always) private mutating func flush(to position: Int) {
            guard position > pending else { return }
            NameAliasingReader.copyBytes(to: output + outputCount, from: input + pending, count: position &- pending)
            outputCount &+= position &- pending
            pending = position
        }

        /// Passes over everything up to and including `terminator`, then continues in text; without
        /// it, over what cannot be the terminator's beginning.
        private mutating func skip(past terminator: StaticString, from position: Int) -> Int {
            let length = terminator.utf8CodeUnitCount
            if let found = NameAliasingReader.find(terminator, in: input, from: position, to: end) {
                state = .text
                return found + length
            }
            return atEnd ? end : max(position, end - (length - 1))
        }

        /// `skip(past: "]]>")` for GB18030, where `]` can be the second byte of a two-byte character:
        /// steps over whole characters.
        private mutating func skipCDATAInGB18030(from position: Int) -> Int {
            let safe = atEnd ? end : end - 4
            var index = position
            while index < safe {
                let byte = input[index]
                if byte >= 0x81 {
                    index += index + 1 < end && input[index + 1] &- 0x30 < 10 ? 4 : 2
                    continue
                }
                if byte == 0x5D, index + 2 < end, input[index + 1] == 0x5D, input[index + 2] == 0x3E {
                    state = .text
                    return index + 3
                }
                index += 1
            }
            return min(index, end)
        }

        /// The next `<` from `position`: the first 32 bytes eight at a time (text between tags is
        /// mostly short), then `memchr`.
        @inline(__always) private func findOpening(from position: Int) -> Int? {
            let raw = UnsafeRawPointer(input)
            var next = position
            let stop = min(end, position &+ 32)
            while next < stop {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: next, as: UInt64.self)) ^ 0x3C3C_3C3C_3C3C_3C3C
                let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if zero != 0 {
                    let found = next &+ zero.trailingZeroBitCount >> 3
                    return found < end ? found : nil
                }
                next &+= 8
            }
            return next < end ? find(0x3C, from: next) : nil
        }

        @inline(__always) private func find(_ byte: UInt8, from position: Int) -> Int? {
            memchr(input + position, Int32(byte), end &- position).map {
                UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(input)
            }
        }

        private func matches(_ literal: StaticString, at position: Int) -> Bool {
            NameAliasingReader.matches(literal, in: input, at: position, end: end)
        }
    }

    /// Bytes every buffer the scanner reads or writes has past its end (`copyBytes` moves 16 at once).
    static let slack = 16

    /// Copies `count` bytes between buffers that do not overlap. Most copies here are a name, an
    /// alias or the few bytes between two names: up to 16 are copied as two words, which may write
    /// (and read) up to 16 bytes past `count` — every buffer here has `slack` bytes for that, and what
    /// is written past the end is overwritten by the next copy or never read.
    @inline(__always) static func copyBytes(to target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        let to = UnsafeMutableRawPointer(target)
        let from = UnsafeRawPointer(source)
        if count <= 16 {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else if count <= 64 {
            var offset = 0
            while offset < count &- 8 {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8, as: UInt64.self)
        } else {
            memcpy(target, source, count)
        }
    }

    /// Whether `count` bytes at `one` and `other` are equal (for names: words, not a call to `memcmp`).
    @inline(__always) static func equalBytes(_ one: UnsafePointer<UInt8>, _ other: UnsafePointer<UInt8>, count: Int) -> Bool {
        let first = UnsafeRawPointer(one)
        let second = UnsafeRawPointer(other)
        if count >= 8 {
            var offset = 0
            while offset < count &- 8 {
                if first.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != second.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset &+= 8
            }
            return first.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == second.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return first.loadUnaligned(as: UInt32.self) == second.loadUnaligned(as: UInt32.self)
                && first.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self) == second.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        for offset in 0..<count where one[offset] != other[offset] { return false }
        return true
    }

    /// Whether `literal` is at `position` of `bytes[..<end]`.
    private static func matches(_ literal: StaticString, in bytes: UnsafePointer<UInt8>, at position: Int, end: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        return position + length <= end && memcmp(bytes + position, literal.utf8Start, length) == 0
    }

    /// Where `literal` first starts in `bytes[from..<to]`, if it does.
    private static func find(_ literal: StaticString, in bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        let first = Int32(literal.utf8Start[0])
        var position = from
        while to - position >= length, let found = memchr(bytes + position, first, to - position - length + 1) {
            position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes
            if memcmp(bytes + position, literal.utf8Start, length) == 0 { return position }
            position += 1
        }
        return nil
    }

    /// Bytes that end a name, or a part of a prefixed name, by value: ASCII below `@` except `-`, `.`
    /// and digits. `:` ends a part, so a prefix and a local name are matched (and a name spelt like an
    /// alias escaped) each on its own, as libxml2 reads them. In UTF-8 and GB18030 none of these bytes
    /// occurs inside a multi-byte character.
    nonisolated(unsafe) static let delimiters: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for byte in 0..<256 {
            table[byte] = byte < 0x40 && !(byte == 0x2D || byte == 0x2E || (byte >= 0x30 && byte <= 0x39))
        }
        return UnsafePointer(table)
    }()

    // MARK: The file's encoding

    /// Reads the encoding from the file's start and prepares the patterns, or passes everything through.
    private func begin() {
        state = .passThrough
        guard let encoding = declaredEncoding(), let patterns = Patterns(aliases, encoding: encoding) else { return }
        self.encoding = encoding
        self.patterns = patterns
        lookahead = patterns.view.longest + 16
        state = .text
        rewrites = true
    }

    /// UTF-8 or GB18030 as the start of the file says (the declaration, a byte-order mark, or neither);
    /// nil for anything else.
    private func declaredEncoding() -> Encoding? {
        var position = 0
        let hasMark = NameAliasingReader.matches("\u{FEFF}", in: input, at: 0, end: end)
        if hasMark { position = 3 }
        guard NameAliasingReader.matches("<?xml", in: input, at: position, end: end) else {
            // No declaration: UTF-8 — unless a zero byte follows the `<` (UTF-16 or UCS-4 without a
            // byte-order mark, which libxml2 detects by itself).
            return position + 1 < end && input[position] == 0x3C && input[position + 1] != 0 ? .utf8 : nil
        }
        guard let found = NameAliasingReader.find("?>", in: input, from: position, to: min(end, position + 512)) else { return nil }
        let declaration = String(decoding: UnsafeBufferPointer(start: input + position, count: found - position), as: UTF8.self)
        guard let name = NameAliasingReader.pseudoAttribute("encoding", in: declaration) else { return .utf8 }
        switch name.uppercased() {
        case "UTF-8", "UTF8": return .utf8
        case "GB18030" where !hasMark: return .gb18030
        default: return nil
        }
    }

    /// The value of a pseudo-attribute of an XML declaration (`encoding="GB18030"`).
    static func pseudoAttribute(_ name: String, in declaration: String) -> String? {
        guard let range = declaration.range(of: name) else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }

    // MARK: Patterns

    /// The byte sequences to replace, in the file's encoding, found by a small open-addressed hash.
    private final class Patterns {
        /// The keys' and replacements' bytes, and per pattern where they are.
        private let bytes: UnsafeMutablePointer<UInt8>
        private let entries: UnsafeMutablePointer<Entry>
        private let slots: UnsafeMutablePointer<Int32>
        private let longest: Int
        static let slotCount = 1024

        struct Entry {
            var key: Int
            var keyCount: Int
            var replacement: Int
            var replacementCount: Int
        }

        /// What the scanner reads: plain pointers, valid while the patterns live.
        struct View {
            let bytes: UnsafePointer<UInt8>
            let entries: UnsafePointer<Entry>
            let slots: UnsafePointer<Int32>
            let longest: Int

            /// The pattern whose key is the `count` bytes at `key`, or -1.
            @inline(__always) func find(_ key: UnsafePointer<UInt8>, count: Int) -> Int {
                var slot = Patterns.hash(key, count)
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return -1 }
                    let entry = entries[index]
                    if entry.keyCount == count && NameAliasingReader.equalBytes(bytes + entry.key, key, count: count) {
                        return index
                    }
                    slot = (slot &+ 1) & (Patterns.slotCount - 1)
                }
            }

            @inline(__always) func key(_ index: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
                (bytes + entries[index].key, entries[index].keyCount)
            }

            @inline(__always) func replacement(_ index: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
                (bytes + entries[index].replacement, entries[index].replacementCount)
            }
        }

        var view: View { View(bytes: bytes, entries: entries, slots: slots, longest: longest) }

        /// No patterns (before the encoding is known).
        convenience init() { self.init(pairs: []) }

        /// Each name becomes its alias, and a name in the file spelt like the alias gets its `_`
        /// escaped; nil when a name cannot be written in the encoding's terms at all.
        convenience init?(_ aliases: XMLNameAliases, encoding: Encoding) {
            guard let escape = Patterns.encode(String(XMLNameAliases.escape), encoding) else { return nil }
            var pairs: [([UInt8], [UInt8])] = []
            for (name, alias) in aliases.pairs {
                let aliasBytes = Array(alias.utf8)
                if let nameBytes = Patterns.encode(name, encoding) { pairs.append((nameBytes, aliasBytes)) }
                pairs.append((aliasBytes, escape + aliasBytes.dropFirst()))
            }
            self.init(pairs: pairs)
        }

        private init(pairs: [([UInt8], [UInt8])]) {
            precondition(pairs.count <= 2 * XMLNameAliases.maxAliases && pairs.count <= Patterns.slotCount / 2, "more patterns than slots")
            let size = pairs.reduce(0) { $0 + $1.0.count + $1.1.count }
            bytes = .allocate(capacity: size + NameAliasingReader.slack)
            bytes.initialize(repeating: 0, count: size + NameAliasingReader.slack)
            entries = .allocate(capacity: max(pairs.count, 1))
            slots = .allocate(capacity: Patterns.slotCount)
            slots.initialize(repeating: -1, count: Patterns.slotCount)
            var offset = 0
            for (index, (key, replacement)) in pairs.enumerated() {
                (bytes + offset).initialize(from: key, count: key.count)
                (bytes + offset + key.count).initialize(from: replacement, count: replacement.count)
                entries[index] = Entry(key: offset, keyCount: key.count, replacement: offset + key.count, replacementCount: replacement.count)
                offset += key.count + replacement.count
                var slot = key.withUnsafeBufferPointer { Patterns.hash($0.baseAddress!, key.count) }
                while slots[slot] >= 0 { slot = (slot + 1) & (Patterns.slotCount - 1) }
                slots[slot] = Int32(index)
            }
            longest = pairs.map(\.0.count).max() ?? 0
        }

        deinit {
            bytes.deallocate()
            entries.deallocate()
            slots.deallocate()
        }

        /// The home slot of a key: its first and last eight (or four) bytes and its length, mixed.
        @inline(__always) static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
            let raw = UnsafeRawPointer(bytes)
            let head: UInt64
            let tail: UInt64
            if count >= 8 {
                head = raw.loadUnaligned(as: UInt64.self)
                tail = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            } else if count >= 4 {
                head = UInt64(raw.loadUnaligned(as: UInt32.self))
                tail = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            } else {
                head = UInt64(bytes[0]) | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count &- 1]) << 16
                tail = 0
            }
            let mixed = (head ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> 54)  // 10 bits: slotCount
        }

        /// A name's bytes in the file's encoding (GB18030 through iconv, as libxml2 decodes it).
        private static func encode(_ text: String, _ encoding: Encoding) -> [UInt8]? {
            switch encoding {
            case .utf8: return Array(text.utf8)
            case .gb18030: return gb18030(text)
            }
        }

        private static func gb18030(_ text: String) -> [UInt8]? {
            let converter = iconv_open("GB18030", "UTF-8")
            guard converter != iconv_t(bitPattern: -1) else { return nil }
            defer { iconv_close(converter) }
            var source = Array(text.utf8).map { CChar(bitPattern: $0) }
            var target = [CChar](repeating: 0, count: source.count * 2 + 8)
            let written: Int? = source.withUnsafeMutableBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    var inPointer = from.baseAddress
                    var inLeft = from.count
                    var outPointer = to.baseAddress
                    var outLeft = to.count
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                    return to.count - outLeft
                }
            }
            guard let written else { return nil }
            return target.prefix(written).map { UInt8(bitPattern: $0) }
        }
    }
}
