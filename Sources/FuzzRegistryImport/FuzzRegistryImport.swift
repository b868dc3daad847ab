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

#if FUZZING
// SwiftPM gives an executable its own entry point, so libFuzzer runs through its documented driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@main
enum Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { fuzzRegistryImport($0, $1) })
    }
}
#else
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
            bytes.append(0)  // never an empty buffer; the trailing NUL is not passed on
            _ = bytes.withUnsafeBufferPointer { fuzzRegistryImport($0.baseAddress!, $0.count - 1) }
            print("ok \(path)")
        }
    }
}
#endif
