import LadderCore

/// The rung ranks and certificate validity in SQL: the store's twin of `Tier.rung` and
/// `Enterprise.certifiedTier(on:)` (with `Certification.isValid(on:)`), written once from them.
enum CertificationSQL {
    /// `CASE column WHEN 'tech-sme' THEN 1 … ELSE 0 END`: a tier column's rung, 0 for anything else.
    static func rung(_ column: String) -> String {
        "CASE \(column)" + Tier.allCases.map { " WHEN '\($0.rawValue)' THEN \($0.rung)" }.joined() + " ELSE 0 END"
    }

    /// A `certification` row's rung when it is valid on the date `day` (a parameter such as `?3`),
    /// else 0; `MAX` of it over a firm's rows is the firm's highest valid rung. `valid_until` is the
    /// stored `Certification.lastValidDay`.
    static func validRung(on day: String) -> String {
        "CASE WHEN issued <= \(day) AND valid_until >= \(day) AND (revoked IS NULL OR revoked > \(day)) THEN \(rung("kind")) ELSE 0 END"
    }
}
