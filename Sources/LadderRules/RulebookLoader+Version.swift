import Foundation
import LadderCore
import XMLStream

extension NodeReader {
    /// Reads a `<Version>` and compiles its expressions once.
    mutating func version(_ node: XMLNode, inherited: [RuleSetting]) throws(RulebookError) -> RuleVersion {
        let id = try required(node, "id")
        guard let from = try day(node, "from") else { throw error(node, "<Version> needs the attribute from") }
        let to = try day(node, "to")
        if let to, to < from { throw error(node, "to (\(to)) is before from (\(from))") }
        var settings = inherited
        for child in node.children where child.name == "Setting" {
            let setting = try self.setting(child)
            settings.removeAll { $0.id == setting.id }
            settings.append(setting)
        }
        var scope = CompileScope()
        for setting in settings { scope.settings[setting.id] = setting.value }
        var criteria: [Criterion] = []
        var ids: Set<String> = []
        var slot = 0
        for child in node.children where child.name != "Setting" {
            try checkNamespace(child)
            guard let kind = CriterionKind(rawValue: child.name) else {
                throw error(child, "unexpected <\(child.name)> in <Version>; expected Setting, Measure, Gate, Score, Pass, Route or Prerequisite")
            }
            let criterionId = try required(child, "id")
            criterion = criterionId
            defer { criterion = nil }
            guard ids.insert(criterionId).inserted else { throw error(child, "duplicate id '\(criterionId)' in version \(id)") }
            let built = try self.criterion(child, kind: kind, id: criterionId, slot: slot, scope: &scope)
            switch kind {
            case .measure: scope.measures[criterionId] = (slot, built.test != nil)
            case .score: scope.scores[criterionId] = slot
            default: break
            }
            criteria.append(built)
            slot += 1
        }
        guard criteria.contains(where: { $0.kind != .measure }) else {
            throw error(node, "version \(id) has no criteria")
        }
        return RuleVersion(id: id, from: from, to: to, basis: try required(node, "basis"), note: node["note"],
                           settings: settings, criteria: criteria, slotCount: slot,
                           program: ExpressionProgram(scope.program))
    }

    private func compileError(_ node: XMLNode, _ attribute: String, _ text: String, _ failure: ExpressionError)
        -> RulebookError
    {
        var result = error(node, "in \(attribute): \(failure.message)")
        result.expression = text
        result.expressionOffset = failure.offset
        return result
    }

    /// Parses and compiles an attribute's expression with errors that point into it.
    private func expression(_ node: XMLNode, _ attribute: String, scope: inout CompileScope,
                            _ body: (inout Compiler, Expression) throws(ExpressionError) -> Void) throws(RulebookError) {
        let text = try required(node, attribute)
        var compiler = Compiler(scope: scope)
        do {
            let tree = try ExpressionParser.parse(text)
            try body(&compiler, tree)
        } catch {
            throw compileError(node, attribute, text, error)
        }
        scope = compiler.scope  // what it read, and the nodes it added
    }

    private func criterion(_ node: XMLNode, kind: CriterionKind, id: String, slot: Int,
                           scope: inout CompileScope) throws(RulebookError) -> Criterion {
        let unitText = node["unit"] ?? "number"
        guard let unit = ValueUnit(rawValue: unitText) else {
            throw error(node, "unit must be number, percent, money, days or count")
        }
        var value: NumberExpr?
        var threshold: NumberExpr?
        var test: TruthExpr?
        var pointsExpression: NumberExpr?
        var comparison: String?
        var whole = false
        var bands: [Band] = []
        var source = ""
        let symbols = [">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "!=": "≠"]
        switch kind {
        case .measure:
            source = try required(node, "expr")
            try expression(node, "expr", scope: &scope) { compiler, tree throws(ExpressionError) in
                switch try compiler.compile(tree) {
                case .number(let function): value = function
                case .truth(let function): test = function
                case .text: throw ExpressionError("a measure must be a number or a test", at: 0)
                }
            }
        case .score:
            if node["of"] != nil {
                source = node["of"] ?? ""
                try expression(node, "of", scope: &scope) { compiler, tree throws(ExpressionError) in
                    value = try compiler.number(tree)
                }
            }
            if node["expr"] != nil {
                source = node["expr"] ?? source
                try expression(node, "expr", scope: &scope) { compiler, tree throws(ExpressionError) in
                    pointsExpression = try compiler.number(tree)
                }
            }
            for child in node.children where child.name == "Band" {
                bands.append(try band(child, scope: &scope))
            }
            if pointsExpression == nil && (bands.isEmpty || (value == nil && bands.contains { $0.when == nil })) {
                throw error(node, "a <Score> needs expr=, or Band children with of= (or Band when= tests)")
            }
        case .gate, .pass, .route, .prerequisite:
            source = try required(node, "test")
            try expression(node, "test", scope: &scope) { compiler, tree throws(ExpressionError) in
                var shown = tree
                if case .binary(let op, let first, _, _) = tree, op == "and" || op == "or" { shown = first }
                if case .binary(let op, let lhs, let rhs, _) = shown, let symbol = symbols[op] {
                    value = try compiler.number(lhs)
                    threshold = try compiler.number(rhs)
                    comparison = symbol
                    whole = shown == tree
                }
                if !whole { test = try compiler.truth(tree) }
            }
        }
        let levers = node.children.filter { $0.name == "Lever" }.map {
            Lever(field: $0["field"] ?? "", direction: $0["direction"] ?? "increase", note: $0["note"])
        }
        for lever in node.children where lever.name == "Lever" {
            guard let field = lever["field"], FinanceField(name: field) != nil || field.first?.isUppercase == true else {
                throw error(lever, "<Lever> needs field= naming a registry field")
            }
        }
        let name = kind == .measure ? (node["name"] ?? id) : try required(node, "name")
        return Criterion(kind: kind, id: id, name: name, nameEn: node["nameEn"] ?? name, cite: node["cite"] ?? "",
                         rationale: node["rationale"], unit: unit, expression: source, bands: bands,
                         maxPoints: try double(node, "max"), inTotal: node["inTotal"] != "false", levers: levers,
                         position: SourcePosition(file: file, line: node.line, column: node.column),
                         comparison: comparison, slot: slot, value: value, threshold: threshold, test: test,
                         pointsExpression: pointsExpression, comparisonIsWhole: whole)
    }

    private func band(_ node: XMLNode, scope: inout CompileScope) throws(RulebookError) -> Band {
        let pointsText = try required(node, "points")
        let parts = pointsText.split(separator: "-").compactMap { Double($0) }
        guard (1...2).contains(parts.count), let low = parts.first, let high = parts.last, low <= high else {
            throw error(node, "points=\"\(pointsText)\" must be a number or a range like 7-8")
        }
        let include = node["include"] ?? "lower"
        guard ["lower", "upper", "both", "none"].contains(include) else {
            throw error(node, "include must be lower, upper, both or none")
        }
        var band = Band(from: try double(node, "from"), to: try double(node, "to"),
                        includesLower: include == "lower" || include == "both",
                        includesUpper: include == "upper" || include == "both", points: Interval(low, high),
                        whenText: node["when"], when: nil,
                        position: SourcePosition(file: file, line: node.line, column: node.column))
        if node["when"] != nil {
            var when: TruthExpr?
            try expression(node, "when", scope: &scope) { compiler, tree throws(ExpressionError) in
                when = try compiler.truth(tree)
            }
            band.when = when
        }
        if let from = band.from, let to = band.to, from > to { throw error(node, "from is above to") }
        return band
    }
}
