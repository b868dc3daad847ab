/// HTML and SVG text helpers: every value written into a report goes through `escape`.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text, attribute values and SVG.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number for an SVG coordinate, with at most one decimal.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return Format.fixed(value, decimals: 1)
    }

    /// The page style: a generic font stack (no web fonts), print-friendly colours; the web pages
    /// load it too, so their charts look as in the report.
    public static let style = """
        :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --sme:#4e79a7; --ht:#f28e2b; --lead:#e15759;
          --ok:#2e7d32; --warn:#c62828; --bg:#f8fafc; }
        * { box-sizing: border-box; }
        body { margin:0; padding:24px 32px; color:var(--ink); background:#fff;
          font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
            "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; font-size:14px; }
        h1 { font-size:24px; margin:0 0 4px; }
        h2 { font-size:18px; margin:28px 0 10px; padding-bottom:4px; border-bottom:2px solid var(--line); }
        .sub { color:var(--muted); margin:0 0 16px; }
        .cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(min(340px, 100%), 1fr)); gap:12px; }
        .card { border:1px solid var(--line); border-radius:8px; padding:12px 14px; background:var(--bg); }
        .card h3 { font-size:15px; margin:0 0 6px; }
        .big { font-size:24px; font-weight:700; }
        .met { color:var(--ok); font-weight:600; }
        .late { color:var(--warn); font-weight:600; }
        .muted { color:var(--muted); font-size:12px; }
        table { border-collapse:collapse; width:100%; font-variant-numeric: tabular-nums; }
        th, td { border-bottom:1px solid var(--line); padding:4px 8px; text-align:right; white-space:nowrap; }
        th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align:left; }
        thead th { background:var(--bg); }
        tr.total td { font-weight:700; border-top:2px solid var(--ink); }
        .two { display:grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap:16px; align-items:start; }
        .trends { display:grid; grid-template-columns:repeat(auto-fill, minmax(360px, 1fr)); gap:12px; }
        footer, .notes { margin-top:28px; color:var(--muted); font-size:13px; }
        .notes h3 { font-size:14px; margin:14px 0 4px; color:#374151; }
        .marks { font-size:12px; }
        .firmlists { display:grid; grid-template-columns:repeat(auto-fill, minmax(min(520px, 100%), 1fr)); gap:12px; }
        .firmlist { font-size:13px; } .firmlist td { vertical-align:top; }
        .firmlist td:nth-child(2) { white-space:normal; min-width:8em; } .firmlist td .muted { font-size:11px; }
        .firmlist td:nth-child(3), .firmlist th { text-align:left; }
        .firmlist td:last-child, .firmlist th:last-child { text-align:right; }
        footer li { margin:3px 0; }
        svg text { font-family: inherit; }
        svg { max-width:100%; height:auto; }
        .scroll { overflow-x:auto; -webkit-overflow-scrolling:touch; }
        @media (max-width: 720px) {
          body { padding:16px 14px; }
          .cards, .trends { grid-template-columns: minmax(0, 1fr); }
          .two { display:block; }
          .firmlist td:nth-child(3) { white-space:normal; } .firmlist td, .firmlist th { padding:4px 3px; }
        }
        @media print { .scroll { overflow:visible; } .card, tr { break-inside:avoid; } }
        """
}
