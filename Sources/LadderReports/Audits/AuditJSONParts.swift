import LadderCore
import LadderRules
import Synchronization

/// The parts of a rule version's audit JSON that are the same for every firm — each criterion's id,
/// comparison and citation, each band's text, the rulebook's notice, the unverified settings —
/// rendered once per version and shared by every thread (the audit writes them for every firm).
///
/// The texts sit one after another in one byte array, found by position, so that writing one copies
/// bytes and touches no reference count.
final class AuditJSONParts: Sendable {
    /// The version the parts are of (held, so that no other version can take its address).
    let version: RuleVersion
    /// The notice as a JSON string, or nothing.
    let notice: [UInt8]
    /// The unverified settings as JSON strings, comma-separated.
    let assumptions: [UInt8]
    /// Every criterion text, one after another.
    private let text: [UInt8]
    /// Per criterion an assessment lists (measures are not), in version order: which criterion it is,
    /// where its prefix is in `text`, and its bands' rows in `bands`.
    private let identities: [ObjectIdentifier]
    private let prefixes: [Range<Int>]
    private let bandRows: [Range<Int>]
    /// Per band of those criteria, where its text is in `text`.
    private let bands: [Range<Int>]

    private init(version: RuleVersion, rulebook: Rulebook) {
        self.version = version
        var text: [UInt8] = [], identities: [ObjectIdentifier] = [], prefixes: [Range<Int>] = []
        var bandRows: [Range<Int>] = [], bands: [Range<Int>] = []
        func add(_ part: [UInt8]) -> Range<Int> {
            text += part
            return text.count - part.count..<text.count
        }
        for criterion in version.criteria where criterion.kind != .measure {
            identities.append(ObjectIdentifier(criterion))
            prefixes.append(add(AuditJSONParts.prefix(of: criterion)))
            let first = bands.count
            for band in criterion.bands.indices { bands.append(add(AuditJSONParts.band(band, of: criterion))) }
            bandRows.append(first..<bands.count)
        }
        (self.text, self.identities, self.prefixes, self.bandRows, self.bands) = (text, identities, prefixes, bandRows, bands)
        var quoted = ""
        if let notice = rulebook.notice { JSONString.quote(notice, into: &quoted) }
        notice = Array(quoted.utf8)
        quoted = ""
        for setting in version.settings where setting.isUnverified {
            if !quoted.isEmpty { quoted += "," }
            JSONString.quote("\(setting.id)=\(setting.value)", into: &quoted)
        }
        assumptions = Array(quoted.utf8)
    }

    /// Whether the `index`th result of an assessment has its texts here: when its criterion (by
    /// identity) is the version's `index`th listed criterion, as in every assessment `Ladder` makes.
    @inline(__always) func isPrepared(_ index: Int, _ criterion: ObjectIdentifier) -> Bool {
        index < identities.count && identities[index] == criterion
    }

    /// Writes `{"id":…,"comparison":…,"citation":…,"verdict":"` of the `index`th listed criterion.
    @inline(__always) func writePrefix(_ index: Int, into out: ByteWriter) {
        out.append(text, prefixes[index])
    }

    /// Writes `,"threshold":"…"` for band `band` of the `index`th listed criterion.
    @inline(__always) func writeBand(_ band: Int, _ index: Int, into out: ByteWriter) {
        let rows = bandRows[index]
        precondition(band >= 0 && band < rows.count, "band out of range")
        out.append(text, bands[rows.lowerBound + band])
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
