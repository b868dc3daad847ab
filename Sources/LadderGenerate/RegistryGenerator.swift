import Dispatch
import Foundation
import LadderCore
import LadderRules

/// Writes synthetic registry exports in format 1 (`urn:techladder:registry:1`) calibrated to a city.
///
/// Each firm has a history (`FirmHistory`): founded, growing, spending on R&D, gaining IP and staff,
/// applying for certificates in the years its plan says. A certificate is issued only when the shipped
/// rulebooks (`Ladder`) say the firm meets the rung on the data of its application date; expert-judged
/// HNTE items get scores around the firm's quality. After certification firms drift: most still
/// qualify, some decline (audit risk), some rise, lapse, move district or deregister. The rates come
/// from a `Calibration` (published counts and marked assumptions), so that `tally` on the export date
/// reproduces the city's counts at scale 1 and a fraction of them at a smaller scale. An export is the
/// registry on 31 December of a year (`Part`); every year's export shows the same firms.
///
/// Deterministic: the same calibration, seed and firm count give the same bytes, and firm *i* depends
/// only on the seed and *i* (not on the scale or the years written). About 1–2% of firms carry planted
/// data-quality problems that still import (`PlantedProblem`, counted in `Summary.planted`). Writing
/// streams: memory stays at one chunk per output whatever the firm count.
public struct RegistryGenerator: Sendable {
    /// The calibration the rates come from.
    public let calibration: Calibration
    let rates: Plan
    /// The rulebooks certificates are judged by (each worker makes its own `Ladder` of them).
    let rulebooks: [Rulebook]
    /// Firms in the registry (indices 0..<firms); an export holds those founded by its date.
    public var firms: Int
    /// The seed of every random draw.
    public var seed: UInt64
    /// The export year of the single-file writers: `exportedAt` is 31 December of it.
    public var year: Int
    /// Workers drawing firms, when set (tests compare outputs across worker counts).
    var workerLimit: Int?

    /// Creates a generator of `firms` firms.
    /// - Throws: `CalibrationError` when the calibration's counts do not fit its registry.
    public init(calibration: Calibration, ladder: Ladder, firms: Int, seed: UInt64 = 1, year: Int? = nil)
        throws(CalibrationError)
    {
        self.calibration = calibration
        rates = try Plan(calibration)
        rulebooks = ladder.rulebooks
        self.firms = max(0, firms)
        self.seed = seed
        self.year = year ?? calibration.year
    }

    /// Creates a generator at a scale of the calibration's registry (1 = the city's size).
    public init(calibration: Calibration, ladder: Ladder, scale: Double, seed: UInt64 = 1, year: Int? = nil)
        throws(CalibrationError)
    {
        let registry = calibration.value("registry.firms") ?? 0
        try self.init(calibration: calibration, ladder: ladder, firms: Int((registry * max(0, scale)).rounded()),
                      seed: seed, year: year)
    }

    /// The scale: firms ÷ the calibration's registry.
    public var scale: Double { Double(firms) / rates.registry }

    /// The export years this calibration can write: from the first year of its tech-SME counts (the
    /// registrations on record) to its own year.
    public var exportYears: ClosedRange<Int> { rates.smeStart...calibration.year }

    /// The export date of the single-file writers: 31 December of `year`.
    public var exportedAt: Day { Day(year: year, month: 12, day: 31) ?? Day(ordinal: 0) }

    /// One output file: a year's export, whole or one district's part of it.
    public struct Part: Hashable, Sendable {
        public var year: Int
        /// A district code (`District.qingdao`), or nil for the whole city.
        public var district: String?

        public init(year: Int, district: String? = nil) {
            self.year = year
            self.district = district
        }

        /// 31 December of the year.
        public var exportedAt: Day { Day(year: year, month: 12, day: 31) ?? Day(ordinal: 0) }
        /// `registry-YEAR.xml` or `registry-YEAR-DISTRICT.xml`.
        public var fileName: String { "registry-\(year)" + (district.map { "-\($0)" } ?? "") + ".xml" }
        /// The reporting unit in the header: the city bureau, or the district's bureau for its part, so
        /// that the ten parts of one date add up in a database rather than replace one another.
        public var source: String {
            guard let district else { return "青岛市科学技术局" }
            return "青岛市" + (District.name(of: district) ?? district) + "科学技术局"
        }
    }

    /// The parts for some years, whole or split into the ten districts.
    public static func parts(years: ClosedRange<Int>, splitByDistrict: Bool) -> [Part] {
        years.flatMap { year in
            splitByDistrict ? District.qingdao.map { Part(year: year, district: $0.code) } : [Part(year: year)]
        }
    }

    /// Platforms approved by the end of a year (provincial or higher).
    public func platformCount(year: Int) -> Int { Plan.count(rates.platforms, year: year, scale: scale) }
    /// Brokers certified by the end of a year.
    public func brokerCount(year: Int) -> Int { Plan.count(rates.brokers, year: year, scale: scale) }
    /// Contracts signed in a year: its turnover ÷ the mean amount.
    public func contractCount(year: Int) -> Int {
        // A year the calibration does not give takes the nearest year's turnover.
        let nearest = rates.contractTurnover.keys.min { abs($0 - year) < abs($1 - year) }
        guard let turnover = rates.contractTurnover[year] ?? nearest.flatMap({ rates.contractTurnover[$0] }) else {
            return 0
        }
        return Int((turnover * 100_000_000 * scale / Plan.contractMean).rounded())
    }

    /// What a write produced.
    public struct Summary: Hashable, Sendable {
        public var firms = 0
        public var platforms = 0
        public var contracts = 0
        public var brokers = 0
        public var bytes: Int64 = 0
        /// How many of each planted problem were written: firms for most kinds, certificates for
        /// `malformedCertificateNumber`.
        public var planted: [PlantedProblem: Int] = [:]

        public init() {}
    }

    /// Writes several parts in one pass over the firms, as UTF-8 chunks handed to `output` with the
    /// index of their part. Each chunk ends at the end of a record.
    @discardableResult
    public func write<Failure: Error>(
        parts: [Part], chunkSize: Int = 1 << 20, to output: (Int, [UInt8]) throws(Failure) -> Void
    ) throws(Failure) -> [Summary] {
        let threshold = max(1, chunkSize)
        var emitters = parts.map { Emitter(part: $0, capacity: threshold + (16 << 10)) }
        func flush(_ index: Int, force: Bool) throws(Failure) {
            let count = emitters[index].out.count
            guard count >= threshold || (force && count > 0) else { return }
            emitters[index].summary.bytes += Int64(count)
            try output(index, emitters[index].out.bytes)
            emitters[index].out.removeAll()
        }
        for index in emitters.indices { emitters[index].header(self) }
        // Firms are drawn, judged and written in blocks, each worker a contiguous run of the block into
        // its own buffers; the block's bytes are then appended in index order, so the output is the
        // same whatever the number of workers.
        let workers = (0..<threadCount).map { _ in BlockWorker(generator: self, parts: parts) }
        var start = 0
        while start < firms {
            let end = min(firms, start + Self.blockPerWorker * workers.count)
            let share = (end - start + workers.count - 1) / workers.count
            if workers.count == 1 {
                workers[0].run(start..<end)
            } else {
                let first = start
                DispatchQueue.concurrentPerform(iterations: workers.count) { w in
                    workers[w].run(min(end, first + w * share)..<min(end, first + (w + 1) * share))
                }
            }
            for index in emitters.indices {
                for worker in workers { emitters[index].take(&worker.emitters[index]) }
                try flush(index, force: false)
            }
            start = end
        }
        for index in emitters.indices {
            let year = emitters[index].part.year
            for platform in 0..<platformCount(year: year) {
                emitters[index].platform(platform, generator: self)
                try flush(index, force: false)
            }
            for contractYear in [year - 1, year] {
                for contract in 0..<contractCount(year: contractYear) {
                    emitters[index].contract(contract, year: contractYear, generator: self)
                    try flush(index, force: false)
                }
            }
            for broker in 0..<brokerCount(year: year) {
                emitters[index].broker(broker, generator: self)
                try flush(index, force: false)
            }
            emitters[index].footer()
            try flush(index, force: true)
        }
        return emitters.map(\.summary)
    }

    /// Firms per worker per block.
    static let blockPerWorker = 256

    /// Workers drawing firms: the processors available (at most 8), one for small registries.
    var threadCount: Int {
        if let workerLimit { return max(1, workerLimit) }
        return firms < 2 * Self.blockPerWorker ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Writes the export of `year` as UTF-8 byte chunks.
    @discardableResult
    public func writeBytes<Failure: Error>(
        chunkSize: Int = 1 << 20, to output: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) -> Summary {
        try write(parts: [Part(year: year)], chunkSize: chunkSize) { (_, chunk: [UInt8]) throws(Failure) in
            try output(chunk)
        }.first ?? Summary()
    }

    /// Writes the export of `year` as string chunks of about 64 KiB.
    @discardableResult
    public func write(to output: (String) -> Void) -> Summary {
        writeBytes(chunkSize: 64 << 10) { (chunk: [UInt8]) in output(String(decoding: chunk, as: UTF8.self)) }
    }

    /// The identity of firm `index` (credit code, district), without drawing its history.
    func identity(of index: Int) -> FirmIdentity {
        let plan = FirmPlan(seed: seed, index: index, plan: rates)
        return FirmIdentity(seed: seed, index: index, registeredOn: plan.founded, districtWeights: rates.districtWeights)
    }

    /// The whole history of firm `index` (tests: certificates and the records they were judged on).
    func history(of index: Int) -> FirmHistory {
        FirmHistory.make(seed: seed, index: index, rates: rates, assessor: Assessor(rulebooks: rulebooks))
    }
}

/// One worker's state: its own rulebooks (`Assessor`) and one buffer per part. A worker touches only
/// its own state while the block runs; the writing thread reads it after `concurrentPerform` returns.
final class BlockWorker: @unchecked Sendable {
    let generator: RegistryGenerator
    let assessor: Assessor
    var emitters: [Emitter]

    init(generator: RegistryGenerator, parts: [RegistryGenerator.Part]) {
        self.generator = generator
        assessor = Assessor(rulebooks: generator.rulebooks)
        emitters = parts.map { Emitter(part: $0, capacity: 1 << 20) }
    }

    /// Draws, judges and writes the firms of a range into this worker's buffers.
    func run(_ range: Range<Int>) {
        let g = generator
        for firmIndex in range {
            let firm = FirmHistory.make(seed: g.seed, index: firmIndex, rates: g.rates, assessor: assessor)
            for index in emitters.indices {
                let part = emitters[index].part
                guard firm.exists(on: part.exportedAt) else { continue }
                if let district = part.district, Catalog.districtStrings[firm.district(on: part.exportedAt)] != district {
                    continue
                }
                emitters[index].firm(firm)
            }
        }
    }
}
