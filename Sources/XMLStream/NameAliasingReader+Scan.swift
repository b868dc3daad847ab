#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rewriting proper: the scanner that follows the markup through the bytes read and replaces
/// the names that match a pattern.
extension NameAliasingReader {
    /// One pass of the scanner over the bytes read, in local state (the hot loop touches no property
    /// of the reader). Bytes that stay as they are are copied lazily: in one piece up to each
    /// replacement (`flush`), and at the end of the pass.
    struct Scan {
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
}
