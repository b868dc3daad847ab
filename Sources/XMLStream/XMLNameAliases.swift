/// Short ASCII stand-ins for a layout's non-ASCII element and attribute names, which make libxml2
/// read those names several times faster.
///
/// libxml2 reads an ASCII name in a tight loop, but a name with any other character one character at
/// a time through its general decoder: on a district-bureau export, whose element and attribute names
/// are Chinese, that was a fifth of the whole import. A parse given aliases
/// (`XMLStreamParser.nameAliases`) rewrites the file's bytes before libxml2 sees them: each aliased name
/// (see `init`) of n characters, where it stands in a tag as an element or attribute name (or as the
/// prefix or local part of one), becomes an ASCII name of n characters — `_` and n − 1 letters or
/// digits. Lines stay the same, and so do columns as libxml2 counts them: in characters, except the
/// name of an end tag, which it counts in bytes — so after an aliased end tag the column is now the
/// true character count, smaller than without aliases (and after an escaped one, below, three more).
/// A name table built with the same aliases (`XMLNameTable(_:aliases:)`) maps both spellings to one
/// token; libxml2's messages and `XMLContext.displayName(_:)` give the names as written (a message
/// about something else spelt like an alias — an undefined entity `&_A;` — shows the aliased name).
///
/// A name (or part of one) in the file that is itself spelt like an alias is kept apart: its leading
/// `_` is written as U+EFFFD (an unassigned code point that XML allows in names), so it stays a name
/// of the same length that no table knows, and shows as written. Aliases never equal a listed name.
///
/// Only files in UTF-8 or GB18030 are rewritten (declared, or UTF-8 by default): in both, the ASCII
/// bytes that delimit markup never occur inside a multi-byte character. Other files, and files with a
/// DOCTYPE before the root, pass through unchanged and are read as without aliases
/// (`XMLContext.readsAliases` is false; tables then drop the aliases), only not faster.
public struct XMLNameAliases: Sendable {
    /// Each aliased name and its alias.
    public let pairs: [(name: String, alias: String)]
    /// Alias → name, for restoring names in messages.
    private let originals: [String: String]

    /// The leading character of a name in the file that is spelt like an alias (see above).
    static let escape: Unicode.Scalar = "\u{EFFFD}"
    /// Names longer than this in UTF-8 are not aliased (the rewriter looks this far ahead).
    static let maxNameBytes = 240
    /// At most this many names get aliases (the first, in the order below); the rest are read as they are.
    public static let maxAliases = 256
    private static let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Aliases for the names among `names` that start with a non-ASCII character and have at least two
    /// characters and no prefix (shortest first, at most `maxAliases`). The same names always get the
    /// same aliases.
    public init(_ names: some Sequence<String>) {
        let unique = Set(names)
        var taken = Set(unique.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        let candidates = unique.filter { name in
            // Names that start with an ASCII character are rare and read fast enough to their first other.
            name.unicodeScalars.count >= 2 && name.utf8.first.map { $0 >= 0x80 } == true && !name.contains(":")
                && name.utf8.count <= XMLNameAliases.maxNameBytes
        }.sorted { first, second in
            let (one, two) = (first.unicodeScalars.count, second.unicodeScalars.count)
            return one != two ? one < two : first.utf8.lexicographicallyPrecedes(second.utf8)
        }
        var pairs: [(name: String, alias: String)] = []
        var next: [Int: Int] = [:]  // per length, the next alias number to try
        for name in candidates where pairs.count < XMLNameAliases.maxAliases {
            let length = name.unicodeScalars.count
            var number = next[length, default: 0]
            while let alias = XMLNameAliases.alias(number: number, length: length) {
                number += 1
                guard taken.insert(alias).inserted else { continue }
                pairs.append((name, alias))
                break
            }
            next[length] = number
        }
        self.pairs = pairs
        originals = Dictionary(uniqueKeysWithValues: pairs.map { ($0.alias, $0.name) })
    }

    /// Alias number `number` of `length` characters: `_` and `number` in base 62, most significant
    /// digit first; nil when `length - 1` digits cannot hold it.
    static func alias(number: Int, length: Int) -> String? {
        var digits = [UInt8](repeating: XMLNameAliases.digits[0], count: length - 1)
        var rest = number
        for index in digits.indices.reversed() {
            digits[index] = XMLNameAliases.digits[rest % 62]
            rest /= 62
        }
        guard rest == 0 else { return nil }
        return "_" + String(decoding: digits, as: UTF8.self)
    }

    /// The alias of a name, if it has one.
    public func alias(of name: String) -> String? {
        pairs.first { $0.name == name }?.alias
    }

    /// A name as the file spelt it, from the spelling libxml2 read (an alias, an escaped name or
    /// the name itself).
    public func original(of read: String) -> String {
        if let name = originals[read] { return name }
        if read.unicodeScalars.first == XMLNameAliases.escape {
            return "_" + String(read.unicodeScalars.dropFirst())
        }
        return read
    }

    /// A message with every alias and escaped name in it restored to the name as written.
    public func restoringNames(in message: String) -> String {
        guard message.contains("_") || message.unicodeScalars.contains(XMLNameAliases.escape) else { return message }
        var result = ""
        var word = ""
        func flush() {
            result += original(of: word)
            word = ""
        }
        for scalar in message.unicodeScalars {
            if XMLNameAliases.isWordScalar(scalar) {
                word.unicodeScalars.append(scalar)
            } else {
                flush()
                result.unicodeScalars.append(scalar)
            }
        }
        flush()
        return result
    }

    /// The characters of an ASCII name (and the escape), which make up the words of a message.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", ".", "-", XMLNameAliases.escape: true
        default: false
        }
    }
}
