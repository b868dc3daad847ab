/// A data-quality problem the generator plants on purpose in about 1–2% of firms.
///
/// Every planted problem still imports (the file stays well-formed and every value keeps its type),
/// so that audits and rule evaluation can be tested against realistic dirt:
/// - `badCheckDigit` (≈0.3% of firms): the credit code's 18th character is not the GB 32100 check
///   character of the first 17.
/// - `techStaffExceedsEmployees` (≈0.3%): in the latest finance year `TechStaff` > `Employees`.
/// - `domesticRDExceedsRD` (≈0.3%): in one finance year `RDExpenseDomestic` > `RDExpense`.
/// - `retiredDistrictCode` (≈0.3%): `<District code>` is a retired GB/T 2260 code — 370282 (即墨市,
///   now 即墨区 370215), 370205 (四方区, now 市北区 370203) or 370284 (胶南市, now 黄岛区 370211).
/// - `malformedCertificateNumber` (≈1% of tech-SME and high-tech certifications): a `number` that does not follow its
///   kind's format (a digit missing, lower-case `gr`, separators, no `A`).
///
/// Not planted, but realistic and therefore present: credit codes whose embedded admin code differs
/// from the district (registered with the city bureau 370200, or before a re-coding); missing values
/// (a whole `Finance` year, `RDExpense`, staff counts, `TechDomain`, `Resident`, `TaxAssessment`);
/// negative net assets; expired, renewed and revoked certificates; zero sales for young firms.
public enum PlantedProblem: String, CaseIterable, Sendable, Codable {
    /// The credit code's check character is wrong.
    case badCheckDigit = "bad-check-digit"
    /// More tech staff than employees in the latest finance year.
    case techStaffExceedsEmployees = "tech-staff-exceeds-employees"
    /// More domestic R&D than R&D in one finance year.
    case domesticRDExceedsRD = "domestic-rd-exceeds-rd"
    /// A retired GB/T 2260 district code.
    case retiredDistrictCode = "retired-district-code"
    /// A certificate number that breaks its kind's format.
    case malformedCertificateNumber = "malformed-certificate-number"
}
