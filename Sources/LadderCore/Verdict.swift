/// A three-valued outcome: a rule holds, fails, or cannot be decided from what is on record.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    case unknown

    /// Three-valued AND (Kleene): fail wins, then unknown.
    public static func all(_ verdicts: some Sequence<Verdict>) -> Verdict {
        var sawUnknown = false
        for verdict in verdicts {
            if verdict == .fail { return .fail }
            if verdict == .unknown { sawUnknown = true }
        }
        return sawUnknown ? .unknown : .pass
    }

    /// Three-valued OR (Kleene): pass wins, then unknown.
    public static func any(_ verdicts: some Sequence<Verdict>) -> Verdict {
        var sawUnknown = false
        for verdict in verdicts {
            if verdict == .pass { return .pass }
            if verdict == .unknown { sawUnknown = true }
        }
        return sawUnknown ? .unknown : .fail
    }
}
