import LadderCore

extension Rulebook {
    /// A copy of this rulebook whose only version is `versionID`, in force on every date, so that two
    /// versions can be compared on the same firms and the same assessment date (`techladder
    /// diff-rules`). Criteria, settings and examples are shared, not copied.
    /// - Returns: nil when the rulebook has no version with that id.
    public func pinned(to versionID: String) -> Rulebook? {
        guard let version = versions.first(where: { $0.id == versionID }) else { return nil }
        let always = RuleVersion(id: version.id, from: Day(ordinal: -719_162), to: nil, basis: version.basis,
                                 note: version.note, settings: version.settings, criteria: version.criteria,
                                 slotCount: version.slotCount, program: version.program)
        return Rulebook(id: id, tier: tier, name: name, nameEn: nameEn, status: status, notice: notice,
                        versions: [always], examples: examples, file: file)
    }
}
