/// Bounds the parser enforces on untrusted input, beyond libxml2's own (entity expansion limits and
/// its 256-level depth limit, both kept: the parser never sets `XML_PARSE_HUGE`).
public struct XMLLimits: Sendable, Equatable {
    /// The deepest element nesting accepted.
    public var maxDepth: Int
    /// The longest text content of one element, in bytes (UTF-8).
    public var maxTextBytes: Int
    /// The most attributes on one element.
    public var maxAttributes: Int

    public init(maxDepth: Int = 64, maxTextBytes: Int = 1 << 20, maxAttributes: Int = 64) {
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
        self.maxAttributes = maxAttributes
    }

    /// The defaults: depth 64, 1 MiB of text per element, 64 attributes per element.
    public static let `default` = XMLLimits()
}
