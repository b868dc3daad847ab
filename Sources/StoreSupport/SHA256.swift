import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), fed incrementally, used to recognise an export the store already holds.
///
/// Pure Swift so that the store needs no crypto dependency. Feed bytes with ``update(_:)`` in any
/// chunking and read the digest once with ``finalize()``; ``hexDigest(ofFile:)`` streams a file in
/// 128 KiB reads, so hashing a gigabyte export keeps memory flat.
///
/// Invariant of the raw-buffer code: `compress` reads the 64 bytes at `offset` only when the caller
/// has checked that they lie inside the buffer, which lives for the call.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of an incomplete block, fewer than 64.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Whether blocks go through the CPU's SHA instructions (`CSHA256`) rather than the Swift loop.
    private let instructions: Bool
    /// Whether this CPU has SHA instructions.
    public static let hasInstructions = sha256_blocks_available() != 0

    /// Creates a hasher with no input yet; `instructions: false` keeps to the portable Swift loop
    /// (tests compare the two).
    public init(instructions: Bool = true) {
        self.instructions = instructions && Self.hasInstructions
        pending.reserveCapacity(64)
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let array = bytes as? [UInt8] ?? Array(bytes)
        array.withUnsafeBufferPointer { update(buffer: $0) }
    }

    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(buffer.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBufferPointer { compress($0, at: 0, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (buffer.count - offset) / 64
        if blocks > 0 {
            compress(buffer, at: offset, blocks: blocks)
            offset += blocks * 64
        }
        if offset < buffer.count { pending.append(contentsOf: buffer[offset...]) }
    }

    /// Pads the input and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        let used = (pending.count + 1) % 64
        tail.append(contentsOf: repeatElement(0, count: (used <= 56 ? 56 - used : 120 - used)))
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        update(tail)
        length = savedLength
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            digest.append(contentsOf: [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                                       UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)])
        }
        return digest
    }

    /// The lowercase hexadecimal digest of some bytes.
    public static func hexDigest(of bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hex(hasher.finalize())
    }

    /// The lowercase hexadecimal digest of a file's bytes, read in 128 KiB chunks into one buffer.
    ///
    /// `read(2)` straight into a reused buffer: `FileHandle.read(upToCount:)` read 4 KiB per system
    /// call on Linux (a quarter of a million calls for a 1 GB export) and made a new `Data` per chunk.
    /// 128 KiB keeps a chunk in the core's cache between the kernel's copy and the hashing.
    /// - Throws: `CocoaError` when the file cannot be opened, `POSIXError` when a read fails.
    public static func hexDigest(ofFile path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let descriptor = handle.fileDescriptor
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 17)
        try chunk.withUnsafeMutableBytes { raw in
            while true {
                let count = read(descriptor, raw.baseAddress, raw.count)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                hasher.update(buffer: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<count]))
            }
        }
        return hex(hasher.finalize())
    }

    /// Lowercase hexadecimal text of bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// `blocks` 64-byte blocks from `offset`, which the caller has checked lie inside `buffer`.
    private mutating func compress(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, blocks: Int) {
        guard instructions, let base = buffer.baseAddress else {
            for block in 0..<blocks { compress(buffer, at: offset + 64 * block) }
            return
        }
        state.withUnsafeMutableBufferPointer { words in
            sha256_blocks(words.baseAddress, base + offset, blocks)
        }
    }

    private mutating func compress(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) {
        let k = Self.k
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                let p = offset + i * 4
                w[i] = UInt32(buffer[p]) << 24 | UInt32(buffer[p + 1]) << 16 | UInt32(buffer[p + 2]) << 8
                    | UInt32(buffer[p + 3])
            }
            for i in 16..<64 {
                let s0 = Self.rotr(w[i - 15], 7) ^ Self.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = Self.rotr(w[i - 2], 17) ^ Self.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }
}
