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
/// This file: its buffers, reading and the file's encoding; the scanner, the byte helpers and the
/// names' hash table are in `NameAliasingReader+Scan`, `+Bytes` and `+Patterns`.
final class NameAliasingReader {
    enum State {
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

    enum Encoding { case utf8, gb18030 }

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
}
