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
    static func note(_ filter: DistrictFilter) -> String {
        "区市 District: \(filter.code) \(filter.name) only (firms, and platforms, brokers and contracts sellers of the district)."
    }
}
