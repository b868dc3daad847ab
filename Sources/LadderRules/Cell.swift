import LadderCore

/// Fixed-width table cells measured with `LadderCore.DisplayWidth` (CJK = 2 columns): pads, or cuts
/// with `…` when the text is wider than the cell.
enum Cell {
    /// The text padded with spaces to a display width (left-aligned), or cut with `…` when longer.
    static func pad(_ text: String, to width: Int) -> String {
        DisplayWidth.pad(DisplayWidth.clip(text, to: width), to: width)
    }
}
