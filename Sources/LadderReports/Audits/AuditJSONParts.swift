import LadderCore
import LadderRules
import Synchronization

/// The parts of a rule version's audit JSON that are the same for every firm — each criterion's id,
/// comparison and citation, each band's text, the rulebook's notice, the unverified settings —
/// rendered once per version and shared by every thread (the audit writes them for every firm).
final class AuditJSONParts: Sendable {
    /// One criterion's fixed texts: the start of its object up to the verdict, and per band
    /// `,"threshold":"…"`.
    struct Criterion: Sendable {
        let criterion: LadderRules.Criterion
        let prefix: [UInt8]
        let bands: [[UInt8]]
    }

    /// The version the parts are of (held, so that no other version can take its address).
    let version: RuleVersion
    /// The criteria an assessment lists (measures are not), in version order.
    let criteria: [Criterion]
    /// The notice as a JSON string, or nothing.
    let notice: [UInt8]
    /// The unverified settings as JSON strings, comma-separated.
    let assumptions: [UInt8]

    private init(version: RuleVersion, rulebook: Rulebook) {
        self.version = version
        criteria = version.criteria.filter { $0.kind != .measure }.map { criterion in
            Criterion(criterion: criterion, prefix: AuditJSONParts.prefix(of: criterion),
                      bands: criterion.bands.indices.map { AuditJSONParts.band($0, of: criterion) })
        }
        var text = ""
        if let notice = rulebook.notice { JSONString.quote(notice, into: &text) }
        notice = Array(text.utf8)
        text = ""
        for setting in version.settings where setting.isUnverified {
            if !text.isEmpty { text += "," }
            JSONString.quote("\(setting.id)=\(setting.value)", into: &text)
        }
        assumptions = Array(text.utf8)
    }

    /// The prepared texts of the `index`th result, if that is `criterion` (it is for every assessment
    /// `Ladder` makes).
    func criterion(at index: Int, _ criterion: LadderRules.Criterion) -> Criterion? {
        guard index < criteria.count, criteria[index].criterion === criterion else { return nil }
        return criteria[index]
    }

    /// `{"id":…,"comparison":…,"citation":…,"verdict":"`
    static func prefix(of criterion: LadderRules.Criterion) -> [UInt8] {
        var text = "{\"id\":"
        JSONString.quote(criterion.id, into: &text)
        text += ",\"comparison\":"
        if let comparison = criterion.comparison { JSONString.quote(comparison, into: &text) } else { text += "null" }
        text += ",\"citation\":"
        JSONString.quote(criterion.cite, into: &text)
        text += ",\"verdict\":\""
        return Array(text.utf8)
    }

    /// `,"threshold":"[0.3, 0.35)"` for a score's band (`otherwise` for the catch-all `when`).
    static func band(_ index: Int, of criterion: LadderRules.Criterion) -> [UInt8] {
        let band = criterion.bands[index]
        var text = ",\"threshold\":"
        JSONString.quote(band.whenText == "true" ? "otherwise" : band.describe(unit: criterion.unit), into: &text)
        return Array(text.utf8)
    }

    /// The parts of a version, made on first use. A handful of versions are in use at a time; the
    /// list is cleared if rules are loaded again and again (tests), so it never grows without bound.
    static func of(_ version: RuleVersion, in rulebook: Rulebook) -> AuditJSONParts {
        if let found = cache.withLock({ list in list.first { $0.version === version } }) { return found }
        let made = AuditJSONParts(version: version, rulebook: rulebook)
        cache.withLock { list in
            if list.count >= 64 { list.removeAll() }
            list.append(made)
        }
        return made
    }

    private static let cache = Mutex<[AuditJSONParts]>([])
}
