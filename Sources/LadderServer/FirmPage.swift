import Foundation
import Hummingbird
import LadderCore
import LadderImport
import LadderReports
import LadderRules
import LadderStore

extension PageRoutes {
    /// `/firms/{id}`: identity, certificates, history, every criterion per rung, what would lift the
    /// firm a rung, and the data an undetermined verdict waits for.
    func firm(_ request: Request, id: String) async throws -> Response {
        let lang = Lang(request)
        let facts = try await facts(request)
        // One read for the firm and its history: the history holds the firm as this snapshot stored it
        // (the record that stands on its date), the one `RegistryStore.enterprise(id:in:)` reads.
        guard let row = facts.firm(id), let found = try await queries.history(of: id),
              let enterprise = found.entries.last(where: { $0.snapshot.exportedAt == facts.dated.exportedAt })?.enterprise else {
            throw ServerError.unknownFirm(id)
        }
        let keep = Self.keep(request)
        let assessment = queries.assessment(enterprise, asOf: facts.asOf)
        // The near-miss search assesses the firm thousands of times: only when asked (`?plans=1`), so the
        // page itself stays fast.
        let wantsPlans = request.uri.queryParameters.get("plans") == "1"
        let nearMisses = wantsPlans ? queries.nearMisses(enterprise, assessment) : []
        let certificates = enterprise.certifications.map { c -> [String: Any] in
            [
                "kind": Labels.tier(c.kind, lang), "number": c.number ?? "", "issued": c.issued.description,
                "validUntil": c.lastValidDay.description, "revoked": c.revoked?.description ?? "",
                "valid": c.isValid(on: facts.asOf),
            ]
        }
        let history = found.entries.map { entry -> [String: Any] in
            [
                "date": entry.snapshot.exportedAt.description, "link": lang.link("/firms/\(Self.encode(id))?snapshot=\(entry.snapshot.exportedAt)"),
                "present": entry.enterprise != nil,
                "certified": Labels.tier(entry.enterprise?.certifiedTier(on: entry.snapshot.exportedAt), lang),
                "changes": entry.changes.map { $0.line(lang.english ? .en : .zh) },
            ]
        }
        // The firm report's wording of thresholds, results and missing data (plain words, no rule syntax).
        let report = FirmReport(firm: enterprise, assessment: assessment, nearMisses: nearMisses, history: [],
                                language: lang.english ? .en : .zh)
        let rungs = assessment.rungs.map { rung -> [String: Any] in
            return [
                "tier": Labels.tier(rung.tier, lang), "verdict": rung.verdict.rawValue,
                "verdictLabel": lang.t(rung.verdict == .qualified ? "qualified" : rung.verdict == .notQualified ? "notQualified" : "undetermined"),
                "rule": "\(rung.rulebook.id)@\(rung.ruleVersion ?? "none")", "ruleLink": lang.link("/rules/\(Self.encode(rung.rulebook.id))"),
                "score": rung.score.map { ValueFormat.text($0, unit: .number) } ?? "", "route": Self.route(rung, lang),
                "dataYear": rung.dataYear, "criteriaRows": CriterionRowView.html(rung, report: report, lang: lang),
                "missing": rung.missingNames.map(report.missingName), "notes": RungNotes.lines(rung, lang: lang),
            ]
        }
        let plans = nearMisses.map { miss -> [String: Any] in
            // In Chinese the outcome's label says what "no plan" and "collect …" would (the missing data
            // are listed per rung above); the rules' blockers stay as the search words them.
            let reasons = lang.english ? miss.reasons : miss.outcome == .impossible ? miss.reasonsZh : []
            let outcome = lang.english ? miss.outcome.rawValue : lang.t("plan." + miss.outcome.rawValue)
            let distance = miss.distance.map { Format.fixed($0, decimals: 3) }
            // `(reachable, 0.040):` in English, `（可达到，距离 0.040）：` in Chinese; no colon before nothing.
            let colon = miss.steps.isEmpty && reasons.isEmpty ? "" : lang.english ? ":" : "："
            let outcomeNote = lang.english ? "(\(outcome)\(distance.map { ", \($0)" } ?? ""))\(colon)"
                : "（\(outcome)\(distance.map { "，距离 \($0)" } ?? "")）\(colon)"
            return [
                "tier": Labels.tier(miss.tier, lang), "outcomeNote": outcomeNote,
                "steps": lang.english ? miss.steps.map(\.text) : miss.steps.map(\.chinese), "reasons": reasons,
            ]
        }
        let model: [String: Any] = [
            "id": enterprise.id, "name": enterprise.name, "asOf": facts.asOf.description,
            "district": GroupNames.name(of: row.district, by: .district), "districtLink": lang.link("/districts/\(Self.encode(row.district))?\(keep)"),
            "zone": enterprise.zone ?? "", "industry": enterprise.industry ?? "", "registeredOn": enterprise.registeredOn?.description ?? "",
            "active": enterprise.isActive, "certified": Labels.tier(row.certified, lang),
            "eligible": facts.eligibilityComputed ? Labels.tier(row.eligible, lang) : lang.t("notComputed"),
            "statuses": row.statuses.names.map { ["name": $0, "label": lang.t($0)] },
            "certificates": certificates, "history": history, "rungs": rungs, "plans": plans,
            "auditLink": "/api/v1/firms/\(Self.encode(id))/audit?\(keep)", "wantsPlans": wantsPlans,
            "plansLink": lang.link("/firms/\(Self.encode(id))?\(keep)plans=1") + "#plans",
        ]
        return pages.page("firm", title: enterprise.name, lang: lang, path: request.uri.description, model: model)
    }

    /// How a rung was reached: in English the route as the audit names it (`score`, a route's id); in
    /// Chinese `按评分` or the route criterion's name.
    static func route(_ rung: TierAssessment, _ lang: Lang) -> String {
        guard let route = rung.route else { return "" }
        if lang.english { return route }
        if route == "score" { return lang.t("byScore") }
        return rung.criteria.first { $0.id == route }?.name ?? route
    }

    // MARK: Rules

    func rules(_ request: Request) -> Response {
        let lang = Lang(request)
        let outcomes = queries.ladder().runExamples(reading: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
        let books = queries.rulebooks.map { book -> [String: Any] in
            let mine = outcomes.filter { $0.rulebook == book.id }
            return [
                "id": book.id, "link": lang.link("/rules/\(Self.encode(book.id))"), "tier": Labels.tier(book.tier, lang),
                "name": lang.english ? book.nameEn : book.name, "status": book.status, "notice": book.notice ?? "",
                "versions": book.versions.map { ["id": $0.id, "from": $0.from.description, "to": $0.to?.description ?? "", "basis": $0.basis] },
                "examples": mine.count, "passing": mine.filter(\.holds).count,
            ]
        }
        return pages.page("rules", title: lang.t("rules"), lang: lang, path: request.uri.description, model: ["books": books])
    }

    func rule(_ request: Request, id: String) throws -> Response {
        let lang = Lang(request)
        let ladder = queries.ladder()
        guard let book = ladder.rulebook(id: id) else {
            throw ServerError.notFound("no rulebook '\(id)'; have \(ladder.rulebooks.map(\.id).joined(separator: ", "))")
        }
        let outcomes = ladder.runExamples(rulebook: id, reading: { try RegistryImporter.enterprises(fromFragment: $0, name: $1) })
        let versions = book.versions.map { version -> [String: Any] in
            [
                "id": version.id, "from": version.from.description, "to": version.to?.description ?? "",
                "basis": version.basis, "note": version.note ?? "",
                "settings": version.settings.map { setting -> [String: Any] in
                    ["id": setting.id, "value": setting.value, "status": setting.status, "unverified": setting.isUnverified,
                     "cite": setting.cite ?? "", "note": setting.note]
                },
                "criteria": version.criteria.map { criterion -> [String: Any] in
                    [
                        "id": criterion.id, "kind": criterion.kind.rawValue, "name": criterion.name, "nameEn": criterion.nameEn,
                        "citation": criterion.cite, "rationale": criterion.rationale ?? "", "expression": criterion.expression,
                        "bands": criterion.bands.map { ["text": $0.describe(unit: criterion.unit), "points": ValueFormat.text($0.points, unit: .number)] },
                    ]
                },
            ]
        }
        let examples = outcomes.map { outcome -> [String: Any] in
            ["name": outcome.example.name, "expect": outcome.example.expect.rawValue,
             "asOf": outcome.example.asOf?.description ?? "", "holds": outcome.holds, "problems": outcome.problems,
             "fragment": outcome.example.fragment]
        }
        let model: [String: Any] = [
            "id": book.id, "name": book.name, "nameEn": book.nameEn, "tier": Labels.tier(book.tier, lang),
            "status": book.status, "notice": book.notice ?? "", "file": (book.file as NSString).lastPathComponent,
            "versions": versions, "examples": examples,
        ]
        return pages.page("rule", title: lang.english ? book.nameEn : book.name, lang: lang, path: request.uri.description, model: model)
    }
}
