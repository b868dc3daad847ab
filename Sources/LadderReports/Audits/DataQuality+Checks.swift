import LadderCore

extension DataQualityChecker {
    /// When each retired code stopped being issued (the generator and GB/T 2260 agree on these dates):
    /// a credit code issued before then may carry it without any error.
    static let retiredOn: [String: Day] = [
        "370205": Day(year: 2012, month: 12, day: 1) ?? Day(ordinal: 0),
        "370284": Day(year: 2012, month: 12, day: 1) ?? Day(ordinal: 0),
        "370282": Day(year: 2017, month: 9, day: 1) ?? Day(ordinal: 0),
    ]

    /// Whether a code is one of the region's current county-level divisions.
    static func isCurrent(_ code: String) -> Bool { District.qingdao.contains { $0.code == code } }

    /// Whether a code is a functional zone.
    static func isZone(_ code: String) -> Bool { District.zones.contains { $0.code == code } }

    /// Credit code, district code, and the admin code inside the credit code.
    func checkIdentity(_ firm: Enterprise, into out: inout [DataQualityFinding]) {
        switch CreditCode.problem(in: firm.id) {
        case .checkDigit(let expected, let found):
            out.append(DataQualityFinding(
                severity: .high, kind: .creditCodeCheckDigit, firm: firm, field: "Enterprise@id",
                value: String(found), expected: String(expected),
                message: "credit code \(firm.id): check character is '\(found)', GB 32100-2015 gives '\(expected)'",
                position: nil))
        case .some(let problem):
            out.append(DataQualityFinding(
                severity: .high, kind: .creditCodeFormat, firm: firm, field: "Enterprise@id", value: firm.id,
                expected: "18 characters of the GB 32100 alphabet", message: "credit code \(problem)", position: nil))
        case nil: break
        }
        let district = firm.district
        var effective = district
        if Self.isCurrent(district) {
            // fine
        } else if let retired = District.retired[district] {
            effective = retired.successor
            out.append(DataQualityFinding(
                severity: .medium, kind: .districtRetired, firm: firm, field: "District@code", value: district,
                expected: retired.successor,
                message: "\(district) \(retired.name) is a retired code; now \(AuditFormatting.district(retired.successor))",
                position: nil))
        } else if Self.isZone(district) {
            out.append(DataQualityFinding(
                severity: .medium, kind: .districtIsZone, firm: firm, field: "District@code", value: district,
                expected: "a GB/T 2260 county code (the zone goes in District@zone)",
                message: "\(AuditFormatting.district(district)) is a functional zone, not a county-level division",
                position: nil))
        } else {
            out.append(DataQualityFinding(
                severity: .high, kind: .districtUnknown, firm: firm, field: "District@code", value: district,
                expected: "one of \(District.qingdao.map(\.code).joined(separator: " "))",
                message: "\(district) is not a county-level division of \(District.qingdaoCode) 青岛市",
                position: nil))
        }
        guard CreditCode.problem(in: firm.id).map({ if case .checkDigit = $0 { true } else { false } }) ?? true,
            let admin = CreditCode.adminCode(in: firm.id)
        else { return }
        checkAdminCode(admin, effective: effective, firm: firm, into: &out)
    }

    /// Grades the admin code embedded in the credit code against the district.
    ///
    /// Credit codes keep the code of the registering authority at the time of registration, so the
    /// city bureau's 370200, and a retired code on a code issued before the re-coding, are normal.
    private func checkAdminCode(_ admin: String, effective: String, firm: Enterprise,
                                into out: inout [DataQualityFinding]) {
        if admin == effective || admin == District.qingdaoCode || admin == firm.district { return }
        func finding(_ severity: AuditSeverity, _ message: String) {
            out.append(DataQualityFinding(
                severity: severity, kind: .creditCodeRegion, firm: firm, field: "Enterprise@id[3-8]", value: admin,
                expected: "\(effective), \(District.qingdaoCode) or a code that \(effective) replaced", message: message,
                position: nil))
        }
        if let retired = District.retired[admin] {
            if retired.successor == effective {
                if let registered = firm.registeredOn, let until = Self.retiredOn[admin], registered >= until {
                    finding(.low, "credit code carries \(admin) \(retired.name), retired before the firm registered on \(registered)")
                }
                return
            }
            finding(.low, "credit code registered in \(admin) \(retired.name) (now \(retired.successor)); the firm sits in \(AuditFormatting.district(effective))")
        } else if Self.isCurrent(admin) || Self.isZone(admin) {
            finding(.low, "registered in \(AuditFormatting.district(admin)), now in \(AuditFormatting.district(effective)): moved, or a wrong district")
        } else if admin.hasPrefix("3702") {
            finding(.medium, "credit code carries \(admin), which is no Qingdao county code, current or retired")
        } else {
            finding(.low, "registered outside Qingdao (\(admin)); the firm sits in \(AuditFormatting.district(effective))")
        }
    }

    /// Staff, R&D and amounts that contradict each other or cannot be.
    func checkFinance(_ firm: Enterprise, into out: inout [DataQualityFinding]) {
        for year in firm.finance {
            let y = year.year
            func add(_ severity: AuditSeverity, _ kind: DataQualityKind, _ field: String, _ value: String,
                     _ expected: String, _ message: String) {
                out.append(DataQualityFinding(
                    severity: severity, kind: kind, firm: firm, field: "Finance[\(y)].\(field)", value: value,
                    expected: expected, message: message, position: year.position))
            }
            if let staff = year.employees, let tech = year.techStaff, tech > staff {
                add(.high, .techStaffExceedsEmployees, "TechStaff", String(tech), "≤ Employees \(staff)",
                    "\(y): \(tech) tech staff but \(staff) staff in all")
            }
            if let total = year.rdExpense, let domestic = year.rdExpenseDomestic, domestic > total {
                add(.high, .domesticRDExceedsRD, "RDExpenseDomestic", domestic.decimalText, "≤ RDExpense \(total.decimalText)",
                    "\(y): domestic R&D \(domestic) exceeds all R&D \(total)")
            }
            // Counts first, then the amounts that may not be negative (net assets may), as the vocabulary lists them.
            for field in FinanceField.all where field.type == .count {
                if let value = year[field], value < 0 {
                    add(.high, .negativeValue, field.name, String(value), "≥ 0", "\(y): \(field.name) is negative")
                }
            }
            for field in FinanceField.all where field.type == .money {
                if let value = year[money: field], value.fen < 0 {
                    add(.high, .negativeValue, field.name, value.decimalText, "≥ 0", "\(y): \(field.name) is negative")
                }
            }
            checkAbsurd(year, add: add)
        }
    }

    private func checkAbsurd(_ year: FinanceYear,
                             add: (AuditSeverity, DataQualityKind, String, String, String, String) -> Void) {
        let y = year.year
        if let rd = year.rdExpense, let revenue = year.revenue, revenue.fen > 0, rd.fen > revenue.fen * 10 {
            add(.medium, .absurdValue, "RDExpense", rd.decimalText, "≤ 10 × Revenue (\(revenue))",
                "\(y): R&D \(rd) is more than ten times sales \(revenue)")
        }
        if let hightech = year.highTechRevenue, let income = year.totalIncome, hightech > income {
            add(.medium, .absurdValue, "HighTechRevenue", hightech.decimalText, "≤ TotalIncome \(income.decimalText)",
                "\(y): high-tech revenue is \(percent(hightech, income)) of total income (above 100%)")
        }
        if let rd = year.rdExpense, let cost = year.totalCost, cost.fen > 0, rd > cost {
            add(.medium, .absurdValue, "RDExpense", rd.decimalText, "≤ TotalCost \(cost.decimalText)",
                "\(y): R&D is \(percent(rd, cost)) of total costs (above 100%)")
        }
        if let net = year.netAssets, let assets = year.totalAssets, net > assets {
            add(.medium, .absurdValue, "NetAssets", net.decimalText, "≤ TotalAssets \(assets.decimalText)",
                "\(y): net assets exceed total assets")
        }
        if let staff = year.employees, staff > 500_000 {
            add(.medium, .absurdValue, "Employees", String(staff), "≤ 500000", "\(y): \(staff) staff is not a Qingdao firm")
        }
    }

    private func percent(_ part: Money, _ whole: Money) -> String {
        guard whole.fen != 0 else { return "∞" }
        let ratio: Double = Double(part.fen) / Double(whole.fen) * 100
        let rounded: Double = (ratio * 10).rounded() / 10
        return "\(rounded)%"
    }
}
