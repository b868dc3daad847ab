// libFuzzer target for the registry format-1 importer. See README "Fuzzing" for the command.
// Built normally it is a replay tool: `swift run FuzzRegistryImport FILE...` feeds files through the
// same entry point, so every crash the fuzzer finds can be replayed and kept as a test input.
import LadderImport
import XMLStream

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var firms = 0
    do {
        let report = try RegistryImporter().importBytes(bytes, name: "fuzz.xml") { record in
            if case .enterprise = record { firms += 1 }
        }
        // Invariants that must hold for any input.
        precondition(report.imported + report.rejected == report.records, "every record is imported or rejected")
        precondition(report.kinds["enterprise", default: 0] == firms, "enterprise count matches delivered records")
    } catch is XMLError {
        // A clean, positioned error: fine.
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}

#if !FUZZING
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count == 0 { break }
                bytes += chunk[0..<count]
            }
            fclose(file)
            _ = bytes.withUnsafeBufferPointer { fuzzRegistryImport($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            print("ok \(path)")
        }
    }
}
#endif
