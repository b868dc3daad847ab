import LadderCore

extension Compiler {
    /// The built-in functions of the rule language (documented in `docs/rules-language.md`).
    mutating func call(_ name: String, _ args: [Expression], at: Int) throws(ExpressionError) -> Compiled {
        func arity(_ range: ClosedRange<Int>) throws(ExpressionError) {
            guard range.contains(args.count) else {
                throw ExpressionError("\(name) takes \(range.lowerBound)…\(range.upperBound) arguments", at: at)
            }
        }
        func field(_ index: Int) throws(ExpressionError) -> FinanceField {
            guard case .identifier(let fieldName, let position) = args[index] else {
                throw ExpressionError("\(name) expects a registry field name", at: args[index].offset)
            }
            guard let field = FinanceField(name: fieldName) else {
                throw ExpressionError("'\(fieldName)' is not a registry field", at: position)
            }
            return field
        }
        func integer(_ index: Int) throws(ExpressionError) -> Int {
            if case .number(let value, _) = args[index], value == value.rounded(), value >= 0 { return Int(value) }
            let text = try self.text(args[index])
            guard let value = Int(text) else { throw ExpressionError("expected a whole number", at: args[index].offset) }
            return value
        }
        switch name {
        case "sum", "avg":
            try arity(2...2)
            let field = try field(0)
            let years = try integer(1)
            if name == "sum" { return .number { $0.sum(field, years: years) } }
            return .number { state in
                state.sum(field, years: years) / Interval(Double(state.window(years).count))
            }
        case "prev":
            try arity(2...2)
            let field = try field(0)
            let back = try integer(1)
            return .number { $0.field(field, year: $0.dataYear - back) }
        case "growth":
            try arity(1...1)
            let field = try field(0)
            let nonPositiveUnknown = scope.growthNonPositiveUnknown
            let twoYearZero = scope.growthTwoYearZero
            scope.settingsRead.formUnion(["growth.nonpositive-base", "growth.two-year"])
            return .number { state in
                Growth.rate(field, state: state, nonPositiveUnknown: nonPositiveUnknown, twoYearZero: twoYearZero)
            }
        case "ip":
            try arity(1...2)
            let classText = try text(args[0])
            let acquiredText = args.count > 1 ? try text(args[1]) : "any"
            let ipClass = IPClass(rawValue: classText)
            let acquired = IPAcquisition(rawValue: acquiredText)
            guard ipClass != nil || classText == "any", acquired != nil || acquiredText == "any" else {
                throw ExpressionError("ip(class, acquired): class I, II or any; acquired own, transfer or any", at: at)
            }
            return .number { state in
                var count = 0
                for holding in state.enterprise.ip
                where (ipClass == nil || holding.ipClass == ipClass) && (acquired == nil || holding.acquired == acquired) {
                    count += holding.count
                }
                return Interval(Double(count))
            }
        case "valid", "eligible":
            try arity(1...1)
            guard let tier = Tier(rawValue: try text(args[0])) else {
                throw ExpressionError("expected tech-sme, high-tech or leading", at: args[0].offset)
            }
            if name == "valid" {
                return .truth { state in
                    state.enterprise.certifications.contains { $0.kind == tier && $0.isValid(on: state.asOf) }
                        ? .pass : .fail
                }
            }
            return .truth { $0.tierVerdicts[tier.rung - 1] ?? .unknown }
        case "award":
            try arity(3...3)
            let level = try self.level(args[0])
            let years = try integer(1)
            let maxRank = try integer(2)
            return .truth { state in
                var result = Verdict.fail
                for award in state.enterprise.awards
                where award.level >= level && award.year <= state.asOf.year && award.year > state.asOf.year - years {
                    guard let rank = award.rank else {
                        state.missing |= 1 << UInt64(MissingFields.awardRank)
                        result = .unknown
                        continue
                    }
                    if rank <= maxRank { return .pass }
                }
                return result
            }
        case "institution":
            try arity(1...1)
            let level = try self.level(args[0])
            return .truth { state in
                state.enterprise.rdInstitutions.contains { $0.level >= level && ($0.since ?? state.asOf) <= state.asOf }
                    ? .pass : .fail
            }
        case "standard":
            try arity(3...3)
            let levels = try names(args[0], of: StandardLevel.self, "standard levels")
            let roleText = try text(args[1])
            let role = Role(rawValue: roleText)
            guard role != nil || roleText == "any" else {
                throw ExpressionError("expected a role: lead, participant, member or any", at: args[1].offset)
            }
            let years = try integer(2)
            return .truth { state in
                state.enterprise.standards.contains {
                    levels.contains($0.level) && (role == nil || $0.role == role)
                        && $0.year <= state.asOf.year && $0.year > state.asOf.year - years
                } ? .pass : .fail
            }
        case "incidents":
            try arity(2...3)
            let kinds = try names(args[0], of: IncidentKind.self, "incident kinds")
            let years = try integer(1)
            let rolling = args.count > 2 ? try text(args[2]) == "rolling" : false
            return .number { state in
                let start = state.windowStart(years: years, rolling: rolling)
                var count = 0
                for incident in state.enterprise.incidents
                where kinds.contains(incident.kind) && incident.date >= start && incident.date <= state.asOf {
                    count += 1
                }
                return Interval(Double(count))
            }
        case "consortium":
            try arity(2...2)
            guard let role = Role(rawValue: try text(args[0])) else {
                throw ExpressionError("expected a role: lead, participant or member", at: args[0].offset)
            }
            let level = try self.level(args[1])
            return .truth { state in
                state.enterprise.consortia.contains { $0.role == role && $0.level >= level } ? .pass : .fail
            }
        default:
            return try firmCall(name, args, at: at)
        }
    }

    /// A comma-separated list of vocabulary names (`'major-safety,environmental'`), decoded once.
    private mutating func names<Name: RawRepresentable<String> & CaseIterable>(
        _ expression: Expression, of _: Name.Type, _ what: String
    ) throws(ExpressionError) -> [Name] {
        var result: [Name] = []
        for part in try text(expression).split(separator: ",") {
            let name = part.trimmingSpaces
            guard let value = Name(rawValue: name) else {
                let known = Name.allCases.map(\.rawValue).joined(separator: ", ")
                throw ExpressionError("'\(name)' is not one of the \(what) (\(known))", at: expression.offset)
            }
            result.append(value)
        }
        return result
    }

    private mutating func level(_ expression: Expression) throws(ExpressionError) -> Level {
        guard let level = Level(rawValue: try text(expression)) else {
            throw ExpressionError("expected a level: municipal, provincial or national", at: expression.offset)
        }
        return level
    }

    /// Firm-level facts, expert items, points and the numeric helpers.
    private mutating func firmCall(_ name: String, _ args: [Expression], at: Int) throws(ExpressionError) -> Compiled {
        func arity(_ count: Int) throws(ExpressionError) {
            guard args.count == count else { throw ExpressionError("\(name) takes \(count) arguments", at: at) }
        }
        switch name {
        case "resident":
            try arity(0)
            return .truth { state in
                guard let resident = state.enterprise.resident else {
                    state.missing |= 1 << UInt64(MissingFields.resident)
                    return .unknown
                }
                return resident ? .pass : .fail
            }
        case "tax":
            try arity(1)
            guard let wanted = TaxAssessment(rawValue: try text(args[0])) else {
                throw ExpressionError("expected actual-profit or deemed", at: args[0].offset)
            }
            return .truth { state in
                guard let tax = state.enterprise.taxAssessment else {
                    state.missing |= 1 << UInt64(MissingFields.taxAssessment)
                    return .unknown
                }
                return tax == wanted ? .pass : .fail
            }
        case "industryIn":
            try arity(1)
            let prefixes = try text(args[0]).split(separator: ",").map { $0.trimmingSpaces }
            return .truth { state in
                guard let code = state.enterprise.industry else {
                    state.missing |= 1 << UInt64(MissingFields.industry)
                    return .unknown
                }
                return prefixes.contains { code.utf8.starts(with: $0.utf8) } ? .pass : .fail
            }
        case "techDomain":
            try arity(0)
            return .truth { state in
                if state.enterprise.techDomain != nil { return .pass }
                state.missing |= 1 << UInt64(MissingFields.techDomain)
                return .unknown
            }
        case "active":
            try arity(0)
            return .truth { $0.enterprise.isActive ? .pass : .fail }
        case "expert":
            guard (1...2).contains(args.count) else { throw ExpressionError("expert(item[, fallback])", at: at) }
            guard let item = ExpertItem(rawValue: try text(args[0])),
                let offset = ExpertItem.allCases.firstIndex(of: item)
            else { throw ExpressionError("unknown expert item", at: args[0].offset) }
            let full = Interval(0, Double(item.maximum))
            let fallback: NumberFunction? = args.count > 1 ? try number(args[1]) : nil
            return .number { state in
                for score in state.enterprise.expertScores where score.item == item {
                    return Interval(Double(score.points))
                }
                guard let fallback else {
                    state.missing |= 1 << UInt64(MissingFields.expertBase + offset)
                    return full
                }
                let narrowed = fallback(state)
                let result = Interval(max(narrowed.lo, full.lo), min(narrowed.hi, full.hi))
                if !result.isPoint { state.missing |= 1 << UInt64(MissingFields.expertBase + offset) }
                return result
            }
        case "points":
            try arity(1)
            let id = try text(args[0])
            guard let slot = scope.scores[id] else { throw ExpressionError("no earlier score '\(id)'", at: args[0].offset) }
            return .number { state in
                state.missing |= state.pointsMissing[slot]
                return state.points[slot]
            }
        case "setting":
            let value = try text(.call(name, args, at: at))
            if let number = NodeReader.number(value) { return .number { _ in Interval(number) } }
            return .text(value)
        case "range":
            try arity(2)
            let lo = try number(args[0])
            let hi = try number(args[1])
            return .number { Interval(lo($0).lo, hi($0).hi) }
        case "min", "max":
            try arity(2)
            let a = try number(args[0])
            let b = try number(args[1])
            if name == "min" { return .number { a($0).minimum(b($0)) } }
            return .number { a($0).maximum(b($0)) }
        case "clamp":
            try arity(3)
            let x = try number(args[0])
            guard case .number(let lo, _) = args[1], case .number(let hi, _) = args[2] else {
                throw ExpressionError("clamp(x, low, high) needs constant bounds", at: at)
            }
            return .number { x($0).clamped(lo, hi) }
        case "if":
            try arity(3)
            let condition = try truth(args[0])
            switch (try compile(args[1]), try compile(args[2])) {
            case (.number(let a), .number(let b)):
                return .number { state in
                    switch condition(state) {
                    case .pass: a(state)
                    case .fail: b(state)
                    case .unknown: a(state).hull(b(state))
                    }
                }
            case (.truth(let a), .truth(let b)):
                return .truth { state in
                    let c = condition(state)
                    return c.and(a(state)).or(c.negated.and(b(state)))
                }
            default: throw ExpressionError("both branches of if must be numbers or both tests", at: at)
            }
        default:
            throw ExpressionError("unknown function '\(name)'", at: at)
        }
    }
}

extension Substring {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
