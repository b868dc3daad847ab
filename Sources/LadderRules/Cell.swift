import LadderCore

/// Fixed-width table cells measured with `LadderCore.DisplayWidth` (CJK = 2 columns): pads, or cuts
/// with `…` when the text is wider than the cell.
enum Cell {
    /// The text padded with spaces to a display width (left-aligned), or cut with `…` when longer.
    static func pad(_ text: String, to width: Int) -> String {
        let current = DisplayWidth.of(text)
        if current <= width { return text + String(repeating: " ", count: width - current) }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…" + String(repeating: " ", count: max(0, width - used - 1))
    }
}
