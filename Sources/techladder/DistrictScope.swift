import LadderCore
import LadderReports
import LadderStore

/// The records of one district, as `--district` keeps them: firms in the district, platforms and
/// brokers filed under it, and contracts sold by a firm of the district seen earlier in the input
/// (exports list firms before contracts).
struct DistrictScope {
    let filter: DistrictFilter
    private var firms: Set<String> = []

    init(_ filter: DistrictFilter) { self.filter = filter }

    /// Whether a record counts in the district (remembering the district's firms for their contracts).
    mutating func keeps(_ record: RegistryRecord) -> Bool {
        switch record {
        case .enterprise(let firm):
            guard filter.contains(firm.district) else { return false }
            firms.insert(firm.id)
            return true
        case .platform(let platform): return platform.district.map(filter.contains) ?? false
        case .broker(let broker): return broker.district.map(filter.contains) ?? false
        case .contract(let contract): return contract.seller.map(firms.contains) ?? false
        }
    }

    /// What the output says about the scope.
    static func note(_ filter: DistrictFilter) -> Note {
        Note(zh: "区市：仅 \(filter.code) \(filter.name)（该区市的企业，以及其平台、技术经纪人和由其企业卖出的技术合同）。",
             en: "District: \(filter.code) \(filter.name) only (its firms, and the platforms, brokers and contracts sold by "
                + "firms of the district).")
    }
}
