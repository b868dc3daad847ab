import LadderCore
import XMLStream

/// The figures a synthetic registry is drawn to reproduce, read from a calibration file
/// (`Rules/calibration/<id>.xml`): published counts, derived ones and the project's assumptions, each
/// marked with its status and source.
public struct Calibration: Sendable {
    /// How a figure is known.
    public enum Status: String, Sendable, CaseIterable {
        case published, derived, assumed
    }

    /// One figure: an id, optionally a year or a district, a value and where it comes from.
    public struct Figure: Sendable {
        public var id: String
        public var year: Int?
        public var district: String?
        public var value: Double
        public var status: Status
        public var source: String?
        public var note: String?
    }

    /// The calibration's id (e.g. `qingdao-2025`).
    public var id: String
    /// The year the calibration describes: its firms' histories end on 31 December of it.
    public var year: Int
    /// Every figure, in file order.
    public var figures: [Figure]

    /// The namespace of calibration files.
    public static let namespace = "urn:techladder:calibration:1"

    /// The value of a figure without year or district.
    public func value(_ id: String) -> Double? {
        figures.first { $0.id == id && $0.year == nil && $0.district == nil }?.value
    }

    /// A figure's values by year.
    public func series(_ id: String) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for figure in figures where figure.id == id { if let year = figure.year { out[year] = figure.value } }
        return out
    }

    /// A figure's values by district code.
    public func byDistrict(_ id: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for figure in figures where figure.id == id { if let code = figure.district { out[code] = figure.value } }
        return out
    }

    /// The file of a calibration id under `Rules/calibration/`, found as the rulebooks are (or nil).
    public static func locate(id: String) -> String? {
        ProjectFiles.locate("Rules/calibration/\(id).xml")
    }

    /// Loads a calibration file.
    /// - Throws: `CalibrationError` naming file, line and column.
    public static func load(file path: String) throws(CalibrationError) -> Calibration {
        let root: XMLNode
        do {
            root = try XMLNode.load(file: path)
        } catch {
            throw CalibrationError(file: error.file, line: error.line, column: error.column, message: error.message)
        }
        return try build(root, file: path)
    }

    /// Parses a calibration held in memory (tests).
    public static func parse(_ text: String, name: String) throws(CalibrationError) -> Calibration {
        let root: XMLNode
        do {
            root = try XMLNode.parse(text, name: name)
        } catch {
            throw CalibrationError(file: error.file, line: error.line, column: error.column, message: error.message)
        }
        return try build(root, file: name)
    }

    /// Figures every calibration must give (without year).
    static let required = ["registry.firms", "high-tech.renewal", "tech-sme.continuation", "tech-sme.before-high-tech",
                           "deregistration.certified", "deregistration.other", "move", "candidates", "audit.decline",
                           "high-tech.share.advanced-manufacturing"]
    /// Series every calibration must give for its own year.
    static let requiredSeries = ["high-tech", "tech-sme", "leading", "contract-turnover", "brokers", "platforms"]

    static func build(_ root: XMLNode, file: String) throws(CalibrationError) -> Calibration {
        func fail(_ node: XMLNode, _ message: String) -> CalibrationError {
            CalibrationError(file: file, line: node.line, column: node.column, message: message)
        }
        guard root.name == "Calibration", root.namespace == namespace else {
            throw fail(root, "the root must be <Calibration xmlns=\"\(namespace)\">, found <\(root.name)>")
        }
        guard let id = root["id"], !id.isEmpty else { throw fail(root, "<Calibration> needs an id") }
        guard let year = root["year"].flatMap({ Int($0) }), (2017...2100).contains(year) else {
            throw fail(root, "<Calibration> needs a year in 2017…2100")
        }
        var figures: [Figure] = []
        for node in root.children where node.namespace == namespace {
            guard node.name == "Figure" else { throw fail(node, "unknown element <\(node.name)>") }
            guard let figureID = node["id"], !figureID.isEmpty else { throw fail(node, "<Figure> needs an id") }
            guard let text = node["value"], let value = Double(text), value.isFinite, value >= 0 else {
                throw fail(node, "figure \(figureID): value must be a number of 0 or more")
            }
            guard let statusText = node["status"], let status = Status(rawValue: statusText) else {
                throw fail(node, "figure \(figureID): status must be published, derived or assumed")
            }
            if status != .assumed, node["source"]?.isEmpty ?? true {
                throw fail(node, "figure \(figureID): a \(status.rawValue) figure needs a source")
            }
            var figureYear: Int?
            if let yearText = node["year"] {
                guard let parsed = Int(yearText), (2000...2100).contains(parsed) else {
                    throw fail(node, "figure \(figureID): year must be in 2000…2100, not \(yearText)")
                }
                figureYear = parsed
            }
            let figure = Figure(id: figureID, year: figureYear, district: node["district"], value: value,
                                status: status, source: node["source"], note: node["note"])
            if figures.contains(where: { $0.id == figureID && $0.year == figureYear && $0.district == figure.district }) {
                throw fail(node, "figure \(figureID) is given twice")
            }
            figures.append(figure)
        }
        let calibration = Calibration(id: id, year: year, figures: figures)
        for name in required where calibration.value(name) == nil {
            throw fail(root, "the calibration lacks figure \(name)")
        }
        for name in requiredSeries where calibration.series(name)[year] == nil {
            throw fail(root, "the calibration lacks figure \(name) for \(year)")
        }
        let shares = calibration.byDistrict("district.share")
        for district in District.qingdao where shares[district.code] == nil {
            throw fail(root, "the calibration lacks district.share for \(district.code)")
        }
        return calibration
    }
}

/// Why a calibration file could not be used.
public struct CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
