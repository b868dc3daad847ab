import LadderCore
import LadderRules

extension AuditRender {
    /// The near-miss report in a format: reachable plans closest first (within `--within` when given),
    /// the unreachable entries, and the tally per district against the 22,000 target.
    public static func render(_ report: NearMissReport, asOf: String, format: AuditRenderFormat,
                              language: Language = .en) -> String {
        let ranked = report.ranked
        // The entries JSON lists (the text report lists the ranked plans and counts the rest).
        var listed: [NearMiss] { report.within == nil ? ranked + report.unreachable : ranked }
        switch format {
        case .text: return nearMissText(report, ranked, asOf: asOf, language: language)
        case .csv:
            return csv(header: nearMissHeader, rows: nearMissRows(report, language), language: language)
        case .jsonl: return listed.map { nearMissJSON($0) + "\n" }.joined()
        case .json:
            var json = AuditJSONWriter()
            json.beginObject()
            json.string("audit", "near-miss")
            json.string("asOf", asOf)
            json.number("within", report.within)
            json.string("distance", NearMissReport.distanceDefinition)
            ladderJSON(report, into: &json)
            json.beginArray("districts")
            for district in report.districtList { reachJSON(district, into: &json) }
            json.endArray()
            json.beginArray("firms")
            for entry in listed { json.raw(nearMissJSON(entry)) }
            json.endArray()
            json.endObject()
            return json.text + "\n"
        }
    }

    static let nearMissHeader = [
        "rank", "distance", "id", "name", "district", "districtName", "tier", "verdict", "scoreMin", "scoreMax",
        "outcome", "changes", "changesZh", "criteria", "reasons", "reasonsZh", "position",
    ]

    /// One near miss as a CSV or xlsx row: its rung, verdict and outcome in Chinese for `.zh`, as codes
    /// for `.en`.
    static func nearMissRow(_ entry: NearMiss, _ language: Language = .en) -> [String] {
        [
            "", distance(entry.distance), entry.firmID, entry.firmName, entry.district,
            AuditFormatting.districtName(entry.district), language.pick(entry.tier.chineseName, entry.tier.rawValue),
            language.pick(entry.verdict.chineseName, entry.verdict.rawValue),
            entry.score.map { Interval.format($0.lo) } ?? "", entry.score.map { Interval.format($0.hi) } ?? "",
            language.pick(entry.outcome.chineseName, entry.outcome.rawValue), entry.steps.map(\.text).joined(separator: "; "),
            entry.steps.map(\.chinese).joined(separator: "；"),
            entry.steps.flatMap(\.criteria).joined(separator: " "), entry.reasons.joined(separator: "; "),
            entry.reasonsZh.joined(separator: "；"), AuditFormatting.position(entry.position),
        ]
    }

    static func nearMissJSON(_ entry: NearMiss) -> String {
        var json = AuditJSONWriter()
        json.beginObject()
        json.string("id", entry.firmID)
        json.string("name", entry.firmName)
        json.string("district", entry.district)
        json.string("tier", entry.tier.rawValue)
        json.string("verdict", entry.verdict.rawValue)
        if let score = entry.score {
            json.beginObject("score")
            json.number("min", score.lo)
            json.number("max", score.hi)
            json.endObject()
        } else {
            json.string("score", nil)
        }
        json.string("outcome", entry.outcome.rawValue)
        json.number("distance", entry.distance)
        json.bool("offLadder", entry.offLadder)
        json.beginArray("changes")
        for step in entry.steps {
            json.beginObject()
            json.string("field", step.move.rawValue)
            json.int("year", step.year)
            json.int("amount", Int(step.amount))
            json.string("unit", step.move.isMoney ? "yuan" : step.move == .waitDays ? "days" : "count")
            json.number("distance", step.distance)
            json.strings("criteria", step.criteria)
            json.string("text", step.text)
            json.string("textZh", step.chinese)
            json.endObject()
        }
        json.endArray()
        json.strings("reasons", entry.reasons)
        json.strings("reasonsZh", entry.reasonsZh)
        json.string("position", entry.position?.description)
        json.endObject()
        return json.text
    }

    static func ladderJSON(_ report: NearMissReport, into json: inout AuditJSONWriter) {
        let total = report.total
        json.beginObject("ladder")
        json.int("target", NearMissReport.target)
        json.int("firms", total.firms)
        json.int("onLadder", total.onLadder)
        json.int("qualifiedUnregistered", total.qualifiedUnregistered)
        json.int("withinReach", total.withinReach)
        json.int("wouldBe", total.onLadder + total.qualifiedUnregistered + total.withinReach)
        json.endObject()
    }

    static func reachJSON(_ d: DistrictReach, into json: inout AuditJSONWriter) {
        json.beginObject()
        json.string("district", d.district)
        json.string("name", AuditFormatting.districtName(d.district))
        json.int("firms", d.firms)
        json.int("onLadder", d.onLadder)
        json.int("qualifiedUnregistered", d.qualifiedUnregistered)
        json.int("withinReach", d.withinReach)
        json.int("reachableRungs", d.reachableRungs)
        json.endObject()
    }

    static func nearMissText(_ report: NearMissReport, _ ranked: [NearMiss], asOf: String, language: Language) -> String {
        var lines = [title("差一点就能上梯级的企业", "Near misses: the smallest change that puts a firm on a rung")
            + "  (as of \(asOf)\(report.within.map { ", within \(Interval.format($0))" } ?? ""))"]
        lines.append("  " + NearMissReport.distanceDefinition)
        lines.append("")
        var table = TextTable(headers: ["#", "距离 distance", "企业 firm", "区 district", "梯级 rung", "现状 now",
                                        "所需变化 change", "条件 criteria"], rightAligned: [0, 1])
        for (index, entry) in ranked.enumerated() {
            let now = entry.verdict.rawValue + (entry.score.map { " " + ValueFormat.text($0, unit: .number) } ?? "")
            table.add([
                String(index + 1), distance(entry.distance), firmCell(entry.firmName, entry.firmID),
                clip(AuditFormatting.district(entry.district), 14), entry.tier.rawValue, now,
                language == .zh ? entry.steps.map(\.chinese).joined(separator: "；") : entry.steps.map(\.text).joined(separator: "; "),
                entry.steps.flatMap(\.criteria).joined(separator: " "),
            ])
        }
        lines.append(table.render())
        lines.append("")
        let counts = report.outcomeCounts
        let outcomes: [NearMissOutcome] = [.impossible, .undetermined, .noPlan]
        lines.append(language.pick("无法达到：", "not reachable: ")
            + outcomes.map { "\(language.pick($0.chineseName, $0.rawValue)) \(counts[$0] ?? 0)" }
                .joined(separator: language.pick("，", ", ")))
        for (reason, count) in report.topImpossibleReasons(language: language) {
            lines.append(language.pick("  按规则无法达到 ×\(count)：\(reason)", "  impossible by the rules ×\(count): \(reason)"))
        }
        lines.append("")
        lines.append(contentsOf: districtText(report, language: language))
        return lines.joined(separator: "\n") + "\n"
    }

    static func districtText(_ report: NearMissReport, language: Language = .en) -> [String] {
        var table = TextTable(headers: ["区 district", "企业 firms", "在梯 on ladder", "未持证但符合 qualify, no valid cert",
                                        "可达 within reach", "可达梯级 reachable rungs"], rightAligned: [1, 2, 3, 4, 5])
        for d in report.districtList + [report.total] {
            table.add([d.district == "all" ? "合计 all" : AuditFormatting.district(d.district), String(d.firms),
                       String(d.onLadder), String(d.qualifiedUnregistered), String(d.withinReach), String(d.reachableRungs)])
        }
        let total = report.total
        let added = total.qualifiedUnregistered + total.withinReach
        return [
            "按区汇总 / By district (within reach = on no rung today, closest tech-SME or high-tech plan within the distance)",
            table.render(), "",
            language.pick(
                "科技型企业（存续且持有效证书，与 tally 同一口径）：\(total.onLadder) 家；未持证但符合：+\(total.qualifiedUnregistered)；"
                    + "可达：+\(total.withinReach) → \(total.onLadder + added) 家（为2028年目标 \(NearMissReport.target) 家可增 \(added) 家）",
                "科技型企业 ladder count (active firms with a valid certificate, as tally counts): \(total.onLadder); qualify without a valid certificate: "
                    + "+\(total.qualifiedUnregistered); within reach: +\(total.withinReach) → \(total.onLadder + added) "
                    + "(+\(added) toward the 2028 target of \(NearMissReport.target))"),
        ]
    }
}
