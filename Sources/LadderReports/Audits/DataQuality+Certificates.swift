import LadderCore

extension DataQualityChecker {
    /// What a certificate number of a kind looks like, split into its parts.
    struct NumberParts: Equatable {
        var year: Int
        /// Two-digit province (high-tech) or six-digit county code (tech SME).
        var region: String
        var serial: String
    }

    /// Parses `GR` + 4-digit year + 2-digit province + 6-digit serial (high-tech, 14 characters) or
    /// `YYYY` + 6-digit county code + `A` + 7-digit serial (tech SME, 18 characters); nil when the
    /// number breaks the format. Leading listings have no number format.
    static func parse(_ number: String, kind: Tier) -> NumberParts? {
        let bytes = Array(number.utf8)
        func digits(_ range: Range<Int>) -> String? {
            guard range.upperBound <= bytes.count,
                bytes[range].allSatisfy({ (48...57).contains($0) })
            else { return nil }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        switch kind {
        case .highTech:
            guard bytes.count == 14, bytes[0] == UInt8(ascii: "G"), bytes[1] == UInt8(ascii: "R"),
                let year = digits(2..<6).flatMap({ Int($0) }), let province = digits(6..<8), let serial = digits(8..<14)
            else { return nil }
            return NumberParts(year: year, region: province, serial: serial)
        case .techSME:
            guard bytes.count == 18, bytes[10] == UInt8(ascii: "A"), let year = digits(0..<4).flatMap({ Int($0) }),
                let county = digits(4..<10), let serial = digits(11..<18)
            else { return nil }
            return NumberParts(year: year, region: county, serial: serial)
        case .leading:
            return nil
        }
    }

    /// The format, as people read it.
    static func formatText(_ kind: Tier) -> String {
        switch kind {
        case .highTech: "GR + 4-digit year + 2-digit province + 6-digit serial (14 characters)"
        case .techSME: "4-digit year + 6-digit county code + A + 7-digit serial (18 characters)"
        case .leading: "no format"
        }
    }

    /// Certificate numbers (format, year, region) and dates.
    func checkCertificates(_ firm: Enterprise, into out: inout [DataQualityFinding]) {
        for (index, certificate) in firm.certifications.enumerated() {
            let kind = certificate.kind
            let field = "Certification[\(index + 1)](\(kind.rawValue))"
            func add(_ severity: AuditSeverity, _ dqKind: DataQualityKind, _ name: String, _ value: String,
                     _ expected: String, _ message: String) {
                out.append(DataQualityFinding(
                    severity: severity, kind: dqKind, firm: firm, field: "\(field)@\(name)", value: value,
                    expected: expected, message: message, position: nil))
            }
            if let expires = certificate.expires, expires < certificate.issued {
                add(.high, .certificateDates, "expires", expires.description, "after issued \(certificate.issued)",
                    "\(kind.rawValue) certificate expires before it was issued")
            }
            if let revoked = certificate.revoked, revoked < certificate.issued {
                add(.high, .certificateDates, "revoked", revoked.description, "after issued \(certificate.issued)",
                    "\(kind.rawValue) certificate revoked before it was issued")
            }
            guard kind != .leading else { continue }
            guard let number = certificate.number else {
                add(.low, .certificateNumberFormat, "number", "absent", Self.formatText(kind),
                    "\(kind.rawValue) certificate issued \(certificate.issued) has no number")
                continue
            }
            guard let parts = Self.parse(number, kind: kind) else {
                add(.medium, .certificateNumberFormat, "number", number, Self.formatText(kind),
                    "\(kind.rawValue) certificate number '\(number)' does not match \(Self.formatText(kind))")
                continue
            }
            if parts.year != certificate.issued.year {
                add(.medium, .certificateNumberYear, "number", number, "year \(certificate.issued.year)",
                    "number says \(parts.year), issued \(certificate.issued)")
            }
            switch kind {
            case .highTech where parts.region != "37":
                add(.low, .certificateRegion, "number", number, "province 37 (山东)",
                    "high-tech certificate from province \(parts.region): issued elsewhere, or a wrong number")
            case .techSME where !(Self.isCurrent(parts.region) || Self.isZone(parts.region)
                || District.retired[parts.region] != nil || parts.region == District.qingdaoCode):
                add(.low, .certificateRegion, "number", number, "a Qingdao county code",
                    "tech-SME number from county \(parts.region): registered outside Qingdao, or a wrong number")
            default: break
            }
        }
    }
}
