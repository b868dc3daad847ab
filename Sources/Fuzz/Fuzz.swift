// libFuzzer targets: the registry importer, the profile importer and the rulebook loader.
// See README "Fuzzing" for the commands. Built normally, the same binary replays files through the
// same entry points (`swift run Fuzz registry FILE...`), so every crash found can be kept as a test.
import Foundation
import LadderCore
import LadderImport
import LadderRules
import XMLStream

/// The three fuzzed entry points, each checking invariants that must hold for any input.
enum Target: String, CaseIterable {
    case registry, profile, rulebook

    func run(_ bytes: [UInt8]) {
        switch self {
        case .registry:
            do {
                var firms = 0
                let report = try RegistryImporter().importBytes(bytes, name: "fuzz.xml") { record in
                    if case .enterprise = record { firms += 1 }
                }
                precondition(report.imported + report.rejected == report.records, "every record is imported or rejected")
                precondition(report.kinds["enterprise", default: 0] == firms, "enterprises counted as delivered")
            } catch is XMLError {
            } catch {
                preconditionFailure("unexpected error type: \(error)")
            }
        case .profile:
            guard let profile = Target.districtProfile else { preconditionFailure("the shipped profile must load") }
            do {
                let report = try ProfileImporter(profile: profile).importDocument(bytes: bytes, name: "fuzz.xml") { _ in }
                precondition(report.imported + report.rejected == report.records, "every record is imported or rejected")
            } catch is XMLError {
            } catch is ProfileError {
            } catch {
                preconditionFailure("unexpected error type: \(error)")
            }
        case .rulebook:
            do {
                let book = try RulebookLoader.load(text: String(decoding: bytes, as: UTF8.self), name: "fuzz.xml")
                precondition(!book.versions.isEmpty, "a loaded rulebook has a version")
            } catch {
                // RulebookError with a position: fine.
            }
        }
    }

    nonisolated(unsafe) static let districtProfile: Profile? = {
        guard let path = ProjectFiles.locate("Profiles/district-bureau.xml") else { return nil }
        return try? Profile.load(file: path)
    }()

    nonisolated(unsafe) static var selected = Target.registry
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Target.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
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
#endif

@main
enum Fuzz {
    static func main() {
        var arguments = CommandLine.arguments
        guard arguments.count > 1, let target = Target(rawValue: arguments[1]) else {
            print("usage: Fuzz registry|profile|rulebook [libFuzzer options | files to replay]")
            exit(64)
        }
        Target.selected = target
        arguments.remove(at: 1)
        #if FUZZING
        var argc = CInt(arguments.count)
        var pointers = arguments.map { strdup($0) } + [nil]
        pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress!
            exit(runFuzzerDriver(&argc, &argv) { fuzzOne($0, $1) })
        }
        #else
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            target.run(Array(data))
            print("ok \(path)")
        }
        #endif
    }
}
