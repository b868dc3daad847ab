import LadderRules

/// A figure as a function of a move's amount `a`: `(n0 + n1·a) / (d0 + d1·a)`. Enough for what the
/// rules compare: a field plus the amount, a sum or mean over years, a share such as
/// `(TechStaff + a) / (Employees + a)`, a growth rate whose last year grows.
struct AmountForm: Hashable {
    var n0: Double, n1: Double, d0: Double, d1: Double

    init(_ n0: Double, slope n1: Double = 0, base d0: Double = 1, baseSlope d1: Double = 0) {
        // A constant over a zero base is 0, as the rules count a share of nothing.
        if n1 == 0 && d1 == 0 && d0 == 0 {
            (self.n0, self.n1, self.d0, self.d1) = (0, 0, 1, 0)
        } else {
            (self.n0, self.n1, self.d0, self.d1) = (n0, n1, d0, d1)
        }
    }

    static func constant(_ value: Double) -> AmountForm { AmountForm(value) }

    var varies: Bool { n1 != 0 || d1 != 0 }

    /// The value, when it does not depend on the amount.
    var constant: Double? { varies ? nil : n0 / d0 }

    var negated: AmountForm { AmountForm(-n0, slope: -n1, base: d0, baseSlope: d1) }

    /// The line `numerator / base` when the base is constant.
    private var line: (Double, Double)? { d1 == 0 && d0 != 0 ? (n0 / d0, n1 / d0) : nil }

    /// f + g, or nil when it is no longer of this form.
    static func + (f: AmountForm, g: AmountForm) -> AmountForm? {
        if let (a, b) = f.line, let (c, d) = g.line { return AmountForm(a + c, slope: b + d) }
        if let c = f.constant { return AmountForm(g.n0 + c * g.d0, slope: g.n1 + c * g.d1, base: g.d0, baseSlope: g.d1) }
        if let c = g.constant { return AmountForm(f.n0 + c * f.d0, slope: f.n1 + c * f.d1, base: f.d0, baseSlope: f.d1) }
        return nil
    }

    static func * (f: AmountForm, g: AmountForm) -> AmountForm? {
        if let c = f.constant { return AmountForm(g.n0 * c, slope: g.n1 * c, base: g.d0, baseSlope: g.d1) }
        if let c = g.constant { return AmountForm(f.n0 * c, slope: f.n1 * c, base: f.d0, baseSlope: f.d1) }
        return nil
    }

    static func / (f: AmountForm, g: AmountForm) -> AmountForm? {
        if let c = g.constant {
            return c == 0 ? .constant(0) : AmountForm(f.n0, slope: f.n1, base: f.d0 * c, baseSlope: f.d1 * c)
        }
        guard let (a, b) = f.line, let (c, d) = g.line else { return nil }
        return AmountForm(a, slope: b, base: c, baseSlope: d)
    }

    /// Appends the amounts where `f − g` can change sign: where the two meet, and where a base is zero.
    static func crossings(_ f: AmountForm, _ g: AmountForm, into roots: inout [Double]) {
        guard f.varies || g.varies else { return }
        // f − g = (f.n·g.d − g.n·f.d) / (f.d·g.d); the numerator is A·a² + B·a + C.
        let a = f.n1 * g.d1 - g.n1 * f.d1
        let b = f.n0 * g.d1 + f.n1 * g.d0 - g.n0 * f.d1 - g.n1 * f.d0
        let c = f.n0 * g.d0 - g.n0 * f.d0
        if a == 0 {
            if b != 0 { roots.append(-c / b) }
        } else {
            let discriminant = b * b - 4 * a * c
            if discriminant >= 0 {
                let q = -0.5 * (b + (b >= 0 ? 1 : -1) * discriminant.squareRoot())
                roots.append(q / a)
                if q != 0 { roots.append(c / q) }
            }
        }
        if f.d1 != 0 { roots.append(-f.d0 / f.d1) }
        if g.d1 != 0 { roots.append(-g.d0 / g.d1) }
    }
}

/// A figure as the solver sees it: the forms it can take (an `if` or `max` gives several), or
/// `steps` — a value that changes only where something it reads crosses a threshold (points, `total`,
/// counts the moves do not touch), whose own value is not followed.
///
/// Most figures have one form, held here. Several forms are held in the solve's `AmountForms`, so
/// that a value is plain data: a solve copies values without counting references or allocating.
enum AmountValue {
    case steps
    case one(AmountForm)
    /// Two or more distinct forms, in the order first met: `AmountForms.list[range]`.
    case several(Range<Int>)

    /// Whether the value has forms (is not `steps`).
    var hasForms: Bool {
        if case .steps = self { false } else { true }
    }

    /// The one constant it is, if it is one.
    var constant: Double? {
        if case .one(let form) = self { form.constant } else { nil }
    }
}

/// The forms of one solve's values that have several (`AmountValue.several`), in one list that only
/// grows while the solve lasts; and what the solver does with values, form by form.
struct AmountForms {
    private(set) var list: [AmountForm] = []

    /// How many forms `value` has (0 for `steps`).
    func count(_ value: AmountValue) -> Int {
        switch value {
        case .steps: 0
        case .one: 1
        case .several(let range): range.count
        }
    }

    /// Form `index` of `value`.
    func form(_ index: Int, of value: AmountValue) -> AmountForm {
        switch value {
        case .steps: preconditionFailure("a stepped value has no forms")
        case .one(let form): form
        case .several(let range): list[range.lowerBound + index]
        }
    }

    /// Whether some form of `value` varies with the amount.
    func varies(_ value: AmountValue) -> Bool {
        switch value {
        case .steps: false
        case .one(let form): form.varies
        case .several(let range): list[range].contains(where: \.varies)
        }
    }

    /// `value` with each form negated.
    mutating func negated(_ value: AmountValue) -> AmountValue {
        switch value {
        case .steps: return .steps
        case .one(let form): return .one(form.negated)
        case .several(let range):
            let start = list.count
            for index in range { list.append(list[index].negated) }
            return .several(start..<list.count)
        }
    }

    /// Every pairing of two values' forms through `op`; nil when a pairing leaves the form.
    mutating func combine(_ x: AmountValue, _ y: AmountValue, _ op: (AmountForm, AmountForm) -> AmountForm?) -> AmountValue? {
        if case .one(let f) = x, case .one(let g) = y { return op(f, g).map(AmountValue.one) }
        guard x.hasForms && y.hasForms else {
            // A stepped value with one that varies continuously: its crossings are not known.
            return varies(x) || varies(y) ? nil : .steps
        }
        let start = list.count
        for i in 0..<count(x) {
            for j in 0..<count(y) {
                guard let h = op(form(i, of: x), form(j, of: y)) else { return nil }
                add(h, from: start)
            }
        }
        return value(from: start)
    }

    /// Both values' forms (`max`, `min`, the branches of an `if`).
    mutating func union(_ x: AmountValue, _ y: AmountValue) -> AmountValue? {
        guard x.hasForms && y.hasForms else { return varies(x) || varies(y) ? nil : .steps }
        let start = list.count
        for i in 0..<count(x) { add(form(i, of: x), from: start) }
        for j in 0..<count(y) { add(form(j, of: y), from: start) }
        return value(from: start)
    }

    /// Appends `form` to the forms from `start` on, unless it is one of them already.
    private mutating func add(_ form: AmountForm, from start: Int) {
        if !list[start...].contains(form) { list.append(form) }
    }

    /// The value of the forms from `start` on (at least one).
    private mutating func value(from start: Int) -> AmountValue {
        if list.count - start > 1 { return .several(start..<list.count) }
        return .one(list.removeLast())
    }
}
