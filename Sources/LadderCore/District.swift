/// A county-level division of Qingdao (GB/T 2260), or a functional zone.
public struct District: Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// Qingdao's city code.
    public static let qingdaoCode = "370200"

    /// The ten current county-level divisions of Qingdao, in code order.
    public static let qingdao: [District] = [
        District(code: "370202", name: "市南区"),
        District(code: "370203", name: "市北区"),
        District(code: "370211", name: "黄岛区"),
        District(code: "370212", name: "崂山区"),
        District(code: "370213", name: "李沧区"),
        District(code: "370214", name: "城阳区"),
        District(code: "370215", name: "即墨区"),
        District(code: "370281", name: "胶州市"),
        District(code: "370283", name: "平度市"),
        District(code: "370285", name: "莱西市"),
    ]

    /// Retired codes still found in older exports, with the division that absorbed them.
    public static let retired: [String: (name: String, successor: String)] = [
        "370205": ("四方区", "370203"),
        "370284": ("胶南市", "370211"),
        "370282": ("即墨市", "370215"),
    ]

    /// Functional zones (not GB/T 2260; NBS statistical codes) that a firm may carry beside its district.
    public static let zones: [District] = [
        District(code: "370271", name: "青岛高新技术产业开发区"),
    ]

    /// The Chinese name of a current district, retired division or zone code, if known.
    public static func name(of code: String) -> String? {
        if let district = qingdao.first(where: { $0.code == code }) { return district.name }
        if let zone = zones.first(where: { $0.code == code }) { return zone.name }
        return retired[code]?.name
    }

    /// The code of a district or zone given by its Chinese name (e.g. `崂山区` → `370212`, also `崂山`).
    public static func code(named name: String) -> String? {
        let all = qingdao + zones
        if let exact = all.first(where: { $0.name == name }) { return exact.code }
        if let retired = retired.first(where: { $0.value.name == name }) { return retired.key }
        return all.first(where: { $0.name.hasPrefix(name) && name.count >= 2 })?.code
    }
}
