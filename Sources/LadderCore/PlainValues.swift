/// Enumerations the rules engine keeps in tables of plain values (`FlatTable`, `GrowableBuffer`):
/// public types are not inferred `BitwiseCopyable` outside their module, so it is stated here.
extension Tier: BitwiseCopyable {}
extension Verdict: BitwiseCopyable {}
extension TaxAssessment: BitwiseCopyable {}
extension IPClass: BitwiseCopyable {}
extension IPAcquisition: BitwiseCopyable {}
extension Level: BitwiseCopyable {}
extension Role: BitwiseCopyable {}
extension ExpertItem: BitwiseCopyable {}
