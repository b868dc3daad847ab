import Foundation
import LadderCore
import LadderImport
import Testing

/// Writes benchmark inputs when `TECHLADDER_BENCH_DIR` is set: the same generated firms as format 1
/// (`format1.xml`), in the district layout (`district-utf8.xml`, `district-gb18030.xml`) and in the flat
/// layout (`flat.xml`). `TECHLADDER_BENCH_FIRMS` sets the count (default 300,000, about 300 MB).
@Suite("Benchmark inputs")
struct ProfileBenchmarkData {
    @Test("write the benchmark files", .enabled(if: ProcessInfo.processInfo.environment["TECHLADDER_BENCH_DIR"] != nil))
    func write() throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = environment["TECHLADDER_BENCH_DIR"] ?? NSTemporaryDirectory()
        let total = Int(environment["TECHLADDER_BENCH_FIRMS"] ?? "") ?? 300_000
        let converter = try ProfileConverter(profile: "district-bureau")
        let flatConverter = try ProfileConverter(profile: "flat-firm-year")
        let names = ["format1.xml", "district-utf8.xml", "district-gb18030.xml", "flat.xml"]
        for name in names { FileManager.default.createFile(atPath: directory + "/" + name, contents: nil) }
        let handles = try names.map { try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/" + $0)) }
        defer { for handle in handles { try? handle.close() } }
        let batch = 10_000
        for start in stride(from: 0, to: total, by: batch) {
            let firms = ProfileLayouts.firms(min(batch, total - start), seed: UInt64(start + 1))
            func body(_ text: String, open: String, close: String) -> String {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                lines.removeFirst(2)   // declaration and root start tag
                while lines.last?.isEmpty == true || lines.last?.hasPrefix(close) == true { lines.removeLast() }
                return (start == 0 ? open : "") + lines.joined(separator: "\n") + "\n"
            }
            let format1 = RegistryWriter.document(header: ProfileLayouts.header, records: firms.map { .enterprise($0) })
            let district = converter.districtLayout(firms, encoding: "UTF-8")
            let flat = flatConverter.flatLayout(firms, encoding: "UTF-8")
            let heads = [format1, district, district.replacingOccurrences(of: "UTF-8", with: "GB18030"), flat].map {
                $0.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n"
            }
            let texts = [
                body(format1, open: heads[0], close: "</Registry>"),
                body(district, open: heads[1], close: "</企业名录>"),
                body(district, open: heads[2], close: "</企业名录>"),
                body(flat, open: heads[3], close: "</FirmYearTable>"),
            ]
            for (index, text) in texts.enumerated() {
                handles[index].write(index == 2 ? Data(ProfileLayouts.encode(text, as: "GB18030")) : Data(text.utf8))
            }
        }
        for (index, close) in ["</Registry>\n", "</企业名录>\n", "</企业名录>\n", "</FirmYearTable>\n"].enumerated() {
            handles[index].write(index == 2 ? Data(ProfileLayouts.encode(close, as: "GB18030")) : Data(close.utf8))
        }
    }
}
