/// An exact amount of money in fen (分, 1/100 yuan).
///
/// Registry amounts have at most two decimal places in yuan, so an integer count of fen keeps every
/// sum exact without paying for `Foundation.Decimal` on the import hot path.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from a count of fen.
    public init(fen: Int64) { self.fen = fen }

    /// Creates an amount from whole yuan.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    /// The amount in yuan as a floating-point number, for ratios in rule evaluation only.
    public var yuan: Double { Double(fen) / 100 }

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// The exact decimal text in yuan, e.g. `1250000.5` → `"1250000.50"`.
    public var decimalText: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Human text in the largest fitting Chinese unit: 亿元, 万元 or 元.
    public var description: String {
        let yuan = Double(fen) / 100
        let size = abs(yuan)
        if size >= 1e8 { return "\(Self.trim(yuan / 1e8))亿元" }
        if size >= 1e4 { return "\(Self.trim(yuan / 1e4))万元" }
        return "\(Self.trim(yuan))元"
    }

    static func trim(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(format: rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    /// Formats a double with two decimals without Foundation.
    init(format value: Double) {
        let scaled = Int64((value * 100).rounded())
        self = Money(fen: scaled).decimalText
    }
}
