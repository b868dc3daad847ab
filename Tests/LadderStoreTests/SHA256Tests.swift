import Foundation
import Testing
@testable import LadderStore
import StoreSupport

@Suite("SHA-256")
struct SHA256Tests {
    @Test("matches the FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hexDigest(of: Array(input.utf8)) == digest)
    }

    @Test("a million 'a's, fed in uneven chunks, and a file hash the same")
    func chunkedAndFile() throws {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        var hasher = SHA256()
        var remaining = 1_000_000
        var chunk = 1
        while remaining > 0 {
            let take = min(chunk, remaining)
            hasher.update(repeatElement(UInt8(ascii: "a"), count: take))
            remaining -= take
            chunk = chunk * 3 % 1009 + 1
        }
        #expect(SHA256.hex(hasher.finalize()) == expected)

        let temp = try TemporaryDatabase()
        let file = temp.directory.appendingPathComponent("a.txt")
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: file)
        #expect(try SHA256.hexDigest(ofFile: file.path) == expected)
    }

    @Test("a file hashed in the background gives the same digest each time it is asked, and a missing file its error")
    func background() throws {
        let temp = try TemporaryDatabase()
        let file = temp.directory.appendingPathComponent("abc.txt")
        try Data("abc".utf8).write(to: file)
        let digest = SHA256.BackgroundFileDigest(path: file.path)
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(try digest.value() == expected)
        #expect(try digest.value() == expected)
        let missing = SHA256.BackgroundFileDigest(path: temp.directory.appendingPathComponent("none").path)
        #expect(throws: (any Error).self) { try missing.value() }
        #expect(throws: (any Error).self) { try missing.value() }
    }

    @Test("the CPU's SHA instructions and the portable loop agree on every length and chunking")
    func instructionsMatchPortable() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        for _ in 0..<(70 * 64 + 63) {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, bytes.count] {
            let input = Array(bytes[0..<length])
            var fast = SHA256()
            var portable = SHA256(instructions: false)
            var offset = 0
            var chunk = 1
            while offset < input.count {
                let end = min(input.count, offset + chunk)
                fast.update(input[offset..<end])
                offset = end
                chunk = chunk * 5 % 701 + 1
            }
            portable.update(input)
            #expect(SHA256.hex(fast.finalize()) == SHA256.hex(portable.finalize()), "length \(length)")
        }
    }
}
