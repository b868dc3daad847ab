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
            return add(name == "sum" ? NumberNode.sum(field, years: years) : .average(field, years: years))
        case "prev":
            try arity(2...2)
            let field = try field(0)
            let back = try integer(1)
            return add(NumberNode.field(field, yearsBack: back))
        case "growth":
            try arity(1...1)
            let field = try field(0)
            let nonPositiveUnknown = scope.growthNonPositiveUnknown
            let twoYearZero = scope.growthTwoYearZero
            scope.settingsRead.formUnion(["growth.nonpositive-base", "growth.two-year"])
            return add(NumberNode.growth(field, nonPositiveUnknown: nonPositiveUnknown, twoYearZero: twoYearZero))
        case "ip":
            try arity(1...2)
            let classText = try text(args[0])
            let acquiredText = args.count > 1 ? try text(args[1]) : "any"
            let ipClass = IPClass(rawValue: classText)
            let acquired = IPAcquisition(rawValue: acquiredText)
            guard ipClass != nil || classText == "any", acquired != nil || acquiredText == "any" else {
                throw ExpressionError("ip(class, acquired): class I, II or any; acquired own, transfer or any", at: at)
            }
            return add(NumberNode.ip(ipClass, acquired))
        case "valid", "eligible":
            try arity(1...1)
            guard let tier = Tier(rawValue: try text(args[0])) else {
                throw ExpressionError("expected tech-sme, high-tech or leading", at: args[0].offset)
            }
            return add(name == "valid" ? TruthNode.valid(tier) : .eligible(tier))
        case "award":
            try arity(3...3)
            let level = try self.level(args[0])
            let years = try integer(1)
            let maxRank = try integer(2)
            return add(TruthNode.award(level, years: years, maxRank: maxRank))
        case "institution":
            try arity(1...1)
            let level = try self.level(args[0])
            return add(TruthNode.institution(level))
        case "standard":
            try arity(3...3)
            let levels = try names(args[0], of: StandardLevel.self, "standard levels")
            let roleText = try text(args[1])
            let role = Role(rawValue: roleText)
            guard role != nil || roleText == "any" else {
                throw ExpressionError("expected a role: lead, participant, member or any", at: args[1].offset)
            }
            let years = try integer(2)
            scope.program.standardLevels.append(levels)
            return add(TruthNode.standard(list: scope.program.standardLevels.count - 1, role: role, years: years))
        case "incidents":
            try arity(2...3)
            let kinds = try names(args[0], of: IncidentKind.self, "incident kinds")
            let years = try integer(1)
            let rolling = args.count > 2 ? try text(args[2]) == "rolling" : false
            scope.program.incidentKinds.append(kinds)
            return add(NumberNode.incidents(list: scope.program.incidentKinds.count - 1, years: years, rolling: rolling))
        case "consortium":
            try arity(2...2)
            guard let role = Role(rawValue: try text(args[0])) else {
                throw ExpressionError("expected a role: lead, participant or member", at: args[0].offset)
            }
            let level = try self.level(args[1])
            return add(TruthNode.consortium(role, level))
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
            return add(TruthNode.resident)
        case "tax":
            try arity(1)
            guard let wanted = TaxAssessment(rawValue: try text(args[0])) else {
                throw ExpressionError("expected actual-profit or deemed", at: args[0].offset)
            }
            return add(TruthNode.tax(wanted))
        case "industryIn":
            try arity(1)
            let prefixes = try text(args[0]).split(separator: ",").map { $0.trimmingSpaces }
            scope.program.industryPrefixes.append(prefixes.map { Array($0.utf8) })
            return add(TruthNode.industryIn(list: scope.program.industryPrefixes.count - 1))
        case "techDomain":
            try arity(0)
            return add(TruthNode.techDomain)
        case "active":
            try arity(0)
            return add(TruthNode.active)
        case "expert":
            guard (1...2).contains(args.count) else { throw ExpressionError("expert(item[, fallback])", at: at) }
            guard let item = ExpertItem(rawValue: try text(args[0])),
                let offset = ExpertItem.allCases.firstIndex(of: item)
            else { throw ExpressionError("unknown expert item", at: args[0].offset) }
            let full = Interval(0, Double(item.maximum))
            let fallback: NumberExpr? = args.count > 1 ? try number(args[1]) : nil
            return add(NumberNode.expert(item, offset: offset, full: full, fallback: fallback))
        case "points":
            try arity(1)
            let id = try text(args[0])
            guard let slot = scope.scores[id] else { throw ExpressionError("no earlier score '\(id)'", at: args[0].offset) }
            return add(NumberNode.points(slot: slot))
        case "setting":
            let value = try text(.call(name, args, at: at))
            if let number = NodeReader.number(value) { return add(NumberNode.constant(Interval(number))) }
            return .text(value)
        case "range":
            try arity(2)
            let lo = try number(args[0])
            let hi = try number(args[1])
            return add(NumberNode.range(lo, hi))
        case "min", "max":
            try arity(2)
            let a = try number(args[0])
            let b = try number(args[1])
            return add(name == "min" ? NumberNode.minimum(a, b) : .maximum(a, b))
        case "clamp":
            try arity(3)
            let x = try number(args[0])
            guard case .number(let lo, _) = args[1], case .number(let hi, _) = args[2] else {
                throw ExpressionError("clamp(x, low, high) needs constant bounds", at: at)
            }
            return add(NumberNode.clamp(x, low: lo, high: hi))
        case "if":
            try arity(3)
            let condition = try truth(args[0])
            switch (try compile(args[1]), try compile(args[2])) {
            case (.number(let a), .number(let b)): return add(NumberNode.choose(condition, a, b))
            case (.truth(let a), .truth(let b)): return add(TruthNode.choose(condition, a, b))
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
