import Foundation
import LadderCore
import Testing

/// Counters shared by the test's threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]
    private var workers: Set<Int> = []
    func add(_ key: String, _ amount: Int = 1) { lock.withLock { values[key, default: 0] += amount } }
    func max(_ key: String, _ value: Int) { lock.withLock { values[key] = Swift.max(values[key] ?? 0, value) } }
    func get(_ key: String) -> Int { lock.withLock { values[key] ?? 0 } }
    func saw(_ worker: Int) { lock.withLock { _ = workers.insert(worker) } }
    var seen: Set<Int> { lock.withLock { workers } }
}

private struct Broken: Error, Equatable { var at: Int }

@Suite("Pipeline")
struct PipelineTests {
    @Test("outputs come out in the order items went in, though both threads prepare")
    func ordering() throws {
        let tally = Tally()
        let pipeline = Pipeline<Int, String>(capacity: 4) { item, worker, _ in
            tally.saw(worker)
            // A slow consumer side: the producer finds the pipeline full and prepares items itself.
            if worker == 0 { Thread.sleep(forTimeInterval: 0.0005) }
            return "#\(item)"
        }
        var outputs: [String] = []
        let produced = try pipeline.run { pipeline in
            for item in 0..<500 { try pipeline.put(item, helpingAs: 1) }
            return 500
        } consume: { outputs.append($0) }
        #expect(produced == 500)
        #expect(outputs == (0..<500).map { "#\($0)" })
        #expect(tally.seen == [0, 1], "both the consumer (0) and the producer (1) prepared items")
    }

    @Test("a fast producer never runs more than the capacity ahead of a slow consumer")
    func backPressure() throws {
        let tally = Tally()
        let pipeline = Pipeline<Int, Int>(capacity: 3) { item, _, _ in item }
        var consumed = 0
        _ = try pipeline.run { pipeline in
            for item in 0..<200 {
                try pipeline.put(item)
                tally.add("put")
                tally.max("ahead", tally.get("put") - tally.get("consumed"))
            }
            return 0
        } consume: { output in
            #expect(output == consumed)
            consumed += 1
            Thread.sleep(forTimeInterval: 0.0002)
            tally.add("consumed")
        }
        #expect(consumed == 200)
        // Three queued plus the one being consumed.
        #expect(tally.get("ahead") <= 4)
        #expect(tally.get("ahead") >= 2, "the producer did run ahead")
    }

    @Test("a producer's error arrives after the outputs of the items it put before it")
    func producerError() throws {
        let pipeline = Pipeline<Int, Int>(capacity: 2) { item, _, _ in item * 10 }
        var outputs: [Int] = []
        #expect(throws: Broken(at: 7)) {
            _ = try pipeline.run { pipeline in
                for item in 0..<7 { try pipeline.put(item, helpingAs: 1) }
                throw Broken(at: 7)
            } consume: { outputs.append($0) }
        }
        #expect(outputs == (0..<7).map { $0 * 10 })
    }

    @Test("a consumer's error cancels the producer, whose put throws, and is rethrown")
    func consumerError() throws {
        let tally = Tally()
        let pipeline = Pipeline<Int, Int>(capacity: 2) { item, _, _ in item }
        #expect(throws: Broken(at: 3)) {
            _ = try pipeline.run { pipeline in
                do {
                    for item in 0..<10_000 {
                        try pipeline.put(item)
                        tally.add("put")
                    }
                } catch is Pipeline<Int, Int>.Cancelled {
                    tally.add("cancelled")
                    throw Pipeline<Int, Int>.Cancelled()
                }
                return 0
            } consume: { output in
                if output == 3 { throw Broken(at: 3) }
            }
        }
        #expect(tally.get("cancelled") == 1, "the producer saw the cancellation")
        #expect(tally.get("put") < 10_000, "the producer stopped early")
    }

    @Test("one thread feeds and drains while a single worker prepares, in order, even with capacity one")
    func oneWorker() throws {
        for capacity in [1, 4] {
            let tally = Tally()
            let pipeline = Pipeline<[Int], [Int]>(capacity: capacity) { batch, worker, _ in
                tally.saw(worker)
                return batch.map { $0 + 1 }
            }
            pipeline.startWorker(as: 1)
            var outputs: [Int] = []
            for start in stride(from: 0, to: 300, by: 10) {
                try pipeline.put(Array(start..<start + 10)) { outputs += $0 }
            }
            try pipeline.finish { outputs += $0 }
            #expect(outputs == Array(1...300))
            #expect(tally.seen == [1], "only the worker prepared")
        }
    }

    @Test("cancelling stops the worker, and a draining error cancels the pipeline")
    func cancelWorker() throws {
        let pipeline = Pipeline<Int, Int>(capacity: 2) { item, _, _ in item }
        pipeline.startWorker(as: 1)
        #expect(throws: Broken(at: 5)) {
            for item in 0..<100 {
                try pipeline.put(item) { if $0 == 5 { throw Broken(at: 5) } }
            }
        }
        pipeline.cancel()
        pipeline.waitForThreads()
        #expect(throws: Pipeline<Int, Int>.Cancelled.self) { try pipeline.put(1) }
        #expect(pipeline.take() == nil)
    }

    @Test("prepare gets outputs given back as spares, and the producer items given back")
    func reuse() throws {
        let tally = Tally()
        let pipeline = Pipeline<Int, [Int]>(capacity: 2) { item, _, spare in
            if spare != nil { tally.add("reused") }
            var output = spare ?? []
            output.removeAll(keepingCapacity: true)
            output.append(item)
            return output
        }
        var outputs: [Int] = []
        _ = try pipeline.run { pipeline in
            for item in 0..<50 {
                if pipeline.spareItem() != nil { tally.add("spare item") }
                try pipeline.put(item)
            }
            return 0
        } consume: { output in
            outputs += output
            pipeline.giveBack(output: output)
            pipeline.giveBack(item: output[0])
        }
        #expect(outputs == Array(0..<50))
        #expect(tally.get("reused") > 0)
        #expect(tally.get("spare item") > 0)
    }

    @Test("no more spares are kept than the capacity, so a producer that never takes them back holds no more memory")
    func sparesBounded() {
        let pipeline = Pipeline<[Int], [Int]>(capacity: 2) { item, _, _ in item }
        for item in 0..<10 {
            pipeline.giveBack(item: [item])
            pipeline.giveBack(output: [item])
        }
        var kept: [[Int]] = []
        while let item = pipeline.spareItem() { kept.append(item) }
        #expect(kept == [[1], [0]], "the first two given back, newest first")
    }
}
