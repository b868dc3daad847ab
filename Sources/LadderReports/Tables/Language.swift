/// The language of headers, labels and notes in tables, CSV, xlsx and reports (JSON keys never change).
public enum Language: String, Sendable, CaseIterable {
    /// Chinese, the default.
    case zh
    /// English, on request (`--lang en`).
    case en

    /// The text in this language.
    public func pick(_ chinese: String, _ english: String) -> String {
        self == .zh ? chinese : english
    }

    /// `TECHLADDER_LANG` when it names a language, else Chinese.
    public static func fromEnvironment(_ value: String?) -> Language {
        value.flatMap { Language(rawValue: $0.lowercased()) } ?? .zh
    }
}
