import LadderCore
import XMLStream

/// The children of `Enterprise` and `Finance`.
extension RegistryHandler {
    func startEnterpriseChild(_ element: XMLStartElement, tag: RegistryTag, inNamespace: Bool, context: XMLContext) {
        let here = position(context)
        switch tag {
        case _ where tag.isEnterpriseText:
            startLeaf(tag, context)
        case .district:
            readDistrict(element, here)
        case .industry:
            if let code = element["code"]?.string {
                if isIndustryCode(code) { firm.industry = code } else { reject("Industry", "code '\(code)' is not a GB/T 4754 class (a letter and 2–4 digits)", at: here) }
            }
        case .finance:
            startFinance(element, here)
        case .ip, .certification, .award, .rdInstitution, .standard, .incident, .expertScore, .consortium:
            readRepeated(tag, element, here)
        default:
            if inNamespace { warn(element.localName.string, "unknown element <\(element.localName.string)> ignored", at: here) }
        }
    }

    /// Marks a leaf so its text is collected until it ends.
    func startLeaf(_ tag: RegistryTag, _ context: XMLContext) {
        leaf = tag
        leafPosition = position(context)
        text.removeAll(keepingCapacity: true)
    }

    private func isIndustryCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard (3...5).contains(bytes.count), (65...90).contains(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { (48...57).contains($0) }
    }

    private func readDistrict(_ element: XMLStartElement, _ here: SourcePosition) {
        guard let code = element["code"]?.string else {
            reject("District", "has no code attribute", at: here)
            return
        }
        if District.qingdao.contains(where: { $0.code == code }) {
            firm.district = code
        } else if let retired = District.retired[code] {
            firm.district = retired.successor
            let successor = District.name(of: retired.successor) ?? retired.successor
            warn("District", "code \(code) (\(retired.name)) is retired; counted as \(retired.successor) \(successor)", at: here)
        } else {
            reject("District", "code '\(code)' is not a county-level division of Qingdao (GB/T 2260, region 370200)", at: here)
        }
        if let zone = element["zone"]?.string {
            if District.zones.contains(where: { $0.code == zone }) {
                firm.zone = zone
            } else {
                firm.zone = zone
                warn("District", "zone '\(zone)' is not a known functional zone code", at: here)
            }
        }
    }

    private func startFinance(_ element: XMLStartElement, _ here: SourcePosition) {
        var year = FinanceYear(year: 0)
        year.position = here
        switch element["year"]?.parse(ValueParser.year) {
        case .success(let value)?: year.year = value
        case .failure(let problem)?: reject("Finance", "year \(problem)", at: here)
        case nil: reject("Finance", "has no year attribute", at: here)
        }
        moneyScale = 1
        if let unit = element["unit"] {
            if unit.equals("wan-yuan") { moneyScale = 10_000 } else if !unit.equals("yuan") {
                reject("Finance", "unit '\(unit.string)' is not yuan or wan-yuan", at: here)
            }
        }
        if firm.finance.contains(where: { $0.year == year.year }) {
            reject("Finance", "year \(year.year) appears twice", at: here)
        }
        finance = year
    }

    func endFinance(_ year: FinanceYear) {
        firm.finance.append(year)
        finance = nil
    }

    // MARK: Leaf values

    func endLeaf(_ tag: RegistryTag) {
        let at = leafPosition
        switch tag {
        case .name:
            let name = String(decoding: text, as: UTF8.self).trimmingXMLSpace()
            if name.isEmpty { reject("Name", "is empty", at: at) }
            firm.name = name
            hasName = true
        case .techDomain: set(text.parse { ValueParser.member($0, of: TechDomain.self) }, "TechDomain", at) { self.firm.techDomain = $0 }
        case .registeredOn:
            hasRegisteredOn = true
            set(text.parse(ValueParser.day), "RegisteredOn", at) { self.firm.registeredOn = $0 }
        case .status: set(text.parse { ValueParser.member($0, of: FirmStatus.self) }, "Status", at) { self.firm.status = $0 }
        case .resident: set(text.parse(ValueParser.boolean), "Resident", at) { self.firm.resident = $0 }
        case .taxAssessment: set(text.parse { ValueParser.member($0, of: TaxAssessment.self) }, "TaxAssessment", at) { self.firm.taxAssessment = $0 }
        default: endFinanceLeaf(tag, at)
        }
    }

    private func endFinanceLeaf(_ tag: RegistryTag, _ at: SourcePosition) {
        guard finance != nil else { return }
        let scale = moneyScale
        func money(_ name: String, allowNegative: Bool = false, _ assign: (inout FinanceYear, Money) -> Void) {
            switch text.parse({ ValueParser.money($0, scale: scale, allowNegative: allowNegative) }) {
            case .success(let value): assign(&finance!, value)
            case .failure(let problem): reject("Finance/\(name)", "\(name) \(problem)", at: at)
            }
        }
        func count(_ name: String, _ assign: (inout FinanceYear, Int) -> Void) {
            switch text.parse(ValueParser.count) {
            case .success(let value): assign(&finance!, value)
            case .failure(let problem): reject("Finance/\(name)", "\(name) \(problem)", at: at)
            }
        }
        switch tag {
        case .employees: count("Employees") { $0.employees = $1 }
        case .techStaff: count("TechStaff") { $0.techStaff = $1 }
        case .conversions: count("Conversions") { $0.conversions = $1 }
        case .revenue: money("Revenue") { $0.revenue = $1 }
        case .totalIncome: money("TotalIncome") { $0.totalIncome = $1 }
        case .totalCost: money("TotalCost") { $0.totalCost = $1 }
        case .totalAssets: money("TotalAssets") { $0.totalAssets = $1 }
        case .netAssets: money("NetAssets", allowNegative: true) { $0.netAssets = $1 }
        case .rdExpense: money("RDExpense") { $0.rdExpense = $1 }
        case .rdExpenseDomestic: money("RDExpenseDomestic") { $0.rdExpenseDomestic = $1 }
        case .highTechRevenue: money("HighTechRevenue") { $0.highTechRevenue = $1 }
        default: break
        }
    }

    private func set<T>(_ result: Result<T, ValueProblem>, _ element: String, _ at: SourcePosition, _ assign: (T) -> Void) {
        switch result {
        case .success(let value): assign(value)
        case .failure(let problem): reject(element, "\(element) \(problem)", at: at)
        }
    }

    /// Cross-field checks that keep the record but tell the analyst.
    func checkEnterprise() {
        let at = recordStart
        if let problem = CreditCode.problem(in: firm.id) {
            warn("Enterprise", "credit code \(firm.id) \(problem) (GB 32100-2015); imported as given", at: at)
        }
        for year in firm.finance {
            let where_ = year.position ?? at
            if let staff = year.employees, let tech = year.techStaff, tech > staff {
                warn("Finance", "\(year.year): TechStaff \(tech) exceeds Employees \(staff)", at: where_)
            }
            if let total = year.rdExpense, let domestic = year.rdExpenseDomestic, domestic > total {
                warn("Finance", "\(year.year): RDExpenseDomestic exceeds RDExpense", at: where_)
            }
            if let revenue = year.revenue, let income = year.totalIncome, income < revenue {
                warn("Finance", "\(year.year): TotalIncome is less than Revenue", at: where_)
            }
        }
    }
}

extension String {
    func trimmingXMLSpace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
