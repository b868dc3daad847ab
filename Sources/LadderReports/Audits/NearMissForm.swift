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

    /// The amounts where `f − g` can change sign: where the two meet, and where a base is zero.
    static func crossings(_ f: AmountForm, _ g: AmountForm) -> [Double] {
        guard f.varies || g.varies else { return [] }
        // f − g = (f.n·g.d − g.n·f.d) / (f.d·g.d); the numerator is A·a² + B·a + C.
        let a = f.n1 * g.d1 - g.n1 * f.d1
        let b = f.n0 * g.d1 + f.n1 * g.d0 - g.n0 * f.d1 - g.n1 * f.d0
        let c = f.n0 * g.d0 - g.n0 * f.d0
        var roots: [Double] = []
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
        return roots
    }
}

/// A figure as the solver sees it: the forms it can take (an `if` or `max` gives several), or
/// `steps` — a value that changes only where something it reads crosses a threshold (points, `total`,
/// counts the moves do not touch), whose own value is not followed.
enum AmountValue {
    case forms([AmountForm])
    case steps

    /// Whether some form varies with the amount.
    var varies: Bool {
        if case .forms(let forms) = self { return forms.contains(where: \.varies) }
        return false
    }

    /// The one constant it is, if it is one.
    var constant: Double? {
        if case .forms(let forms) = self, forms.count == 1 { return forms[0].constant }
        return nil
    }

    /// Every pairing of two values' forms through `op`; nil when a pairing leaves the form.
    static func combine(_ x: AmountValue, _ y: AmountValue, _ op: (AmountForm, AmountForm) -> AmountForm?) -> AmountValue? {
        switch (x, y) {
        case (.forms(let fs), .forms(let gs)):
            var out: [AmountForm] = []
            for f in fs {
                for g in gs {
                    guard let h = op(f, g) else { return nil }
                    if !out.contains(h) { out.append(h) }
                }
            }
            return .forms(out)
        default:
            // A stepped value with one that varies continuously: its crossings are not known.
            return x.varies || y.varies ? nil : .steps
        }
    }

    /// Both values' forms (`max`, `min`, the branches of an `if`).
    static func union(_ x: AmountValue, _ y: AmountValue) -> AmountValue? {
        switch (x, y) {
        case (.forms(let fs), .forms(let gs)): return .forms(fs + gs.filter { !fs.contains($0) })
        default: return x.varies || y.varies ? nil : .steps
        }
    }
}
