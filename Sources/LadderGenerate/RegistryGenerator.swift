import LadderCore

/// Writes a realistic synthetic registry export in format 1 (`urn:techladder:registry:1`).
///
/// The export describes `firms` invented Qingdao firms (Chinese names, valid GB 32100 credit codes,
/// the ten districts in realistic proportions, GB/T 4754 industries, three finance years with
/// correlated staff, sales, costs, assets and R&D spread over every rule band, IP of both classes,
/// tech-SME and HNTE certificates with realistic numbers, some expired or revoked, awards,
/// institutions, standards, rare incidents, expert scores and consortia), then about one platform per
/// 50 firms, one technology contract per 3 firms and one broker per 10 firms.
///
/// The output is deterministic: the same seed, year and firm count give the same bytes. Firm `i` is
/// drawn from the seed and `i` alone, so a smaller file is a prefix of a larger one's firms. About
/// 1–2% of firms carry planted data-quality problems that still import; `PlantedProblem` lists them
/// and `Summary.planted` counts them.
///
/// Writing streams: memory stays at one chunk whatever the firm count (a 1,000,000-firm file is
/// about 1.9 GB). Credit codes are unique within a file; certificate numbers are unique up to
/// 1,000,000 firms.
public struct RegistryGenerator: Sendable {
    /// How many `Enterprise` records to write.
    public var firms: Int
    /// The seed of every random draw.
    public var seed: UInt64
    /// The export year: `exportedAt` is 31 December of it and finance years run `year-3 … year-1` (the closed years).
    public var year: Int

    /// Creates a generator.
    /// - Parameters:
    ///   - firms: how many firms to write (negative counts write none).
    ///   - seed: the seed; the same seed gives the same file.
    ///   - year: the export year.
    public init(firms: Int, seed: UInt64 = 1, year: Int = 2025) {
        self.firms = max(0, firms)
        self.seed = seed
        self.year = year
    }

    /// The export date written in `exportedAt`: 31 December of `year`.
    public var exportedAt: Day { Day(year: year, month: 12, day: 31) ?? Day(ordinal: 0) }

    /// How many `Platform` records follow the firms (one per 50 firms).
    public var platformCount: Int { firms / 50 }
    /// How many `TechContract` records follow (one per 3 firms).
    public var contractCount: Int { firms / 3 }
    /// How many `Broker` records follow (one per 10 firms).
    public var brokerCount: Int { firms / 10 }

    /// What a write produced.
    public struct Summary: Hashable, Sendable {
        /// `Enterprise` records written.
        public var firms = 0
        /// `Platform` records written.
        public var platforms = 0
        /// `TechContract` records written.
        public var contracts = 0
        /// `Broker` records written.
        public var brokers = 0
        /// Bytes written.
        public var bytes: Int64 = 0
        /// How many of each planted problem were written: firms for most kinds, certificates for
        /// `malformedCertificateNumber`.
        public var planted: [PlantedProblem: Int] = [:]

        /// Creates an empty summary.
        public init() {}
    }

    /// Writes the export as UTF-8 byte chunks.
    ///
    /// Each chunk ends at the end of a record, so every chunk is valid UTF-8 on its own.
    /// - Parameters:
    ///   - chunkSize: the size at which a chunk is handed over (chunks may run a record longer).
    ///   - output: receives each chunk; an error it throws stops the write.
    /// - Returns: what was written.
    /// - Throws: whatever `output` throws.
    @discardableResult
    public func writeBytes<Failure: Error>(
        chunkSize: Int = 1 << 20, to output: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) -> Summary {
        let threshold = max(1, chunkSize)
        var emitter = Emitter(generator: self, capacity: threshold + (16 << 10))
        func flush(force: Bool) throws(Failure) {
            guard emitter.out.count >= threshold || (force && emitter.out.count > 0) else { return }
            emitter.summary.bytes += Int64(emitter.out.count)
            try output(emitter.out.bytes)
            emitter.out.removeAll()
        }
        emitter.header()
        for index in 0..<firms {
            emitter.firm(index)
            try flush(force: false)
        }
        for index in 0..<platformCount {
            emitter.platform(index)
            try flush(force: false)
        }
        for index in 0..<contractCount {
            emitter.contract(index)
            try flush(force: false)
        }
        for index in 0..<brokerCount {
            emitter.broker(index)
            try flush(force: false)
        }
        emitter.footer()
        try flush(force: true)
        return emitter.summary
    }

    /// Writes the export as string chunks of about 64 KiB.
    /// - Parameter output: receives each chunk in order.
    /// - Returns: what was written.
    @discardableResult
    public func write(to output: (String) -> Void) -> Summary {
        writeBytes(chunkSize: 64 << 10) { (chunk: [UInt8]) in output(String(decoding: chunk, as: UTF8.self)) }
    }
}
