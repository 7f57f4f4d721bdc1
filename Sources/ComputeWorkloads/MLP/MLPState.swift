import MarketCore

/// Everything `mlp-v1` needs to continue training, and its checkpoint encoding.
///
/// Checkpoint bytes (MarketCore canonical encoding, big-endian):
/// `"MLPC"` (4 bytes) | format version u16 = 1 | workload hash (32 bytes) | step u64 |
/// batch PRNG state u64 | u32 layer-width count, then each width u32 |
/// u32 parameter count P, then P parameters | u32 P, then P momentum values.
/// Each Double is its IEEE-754 bit pattern as u64; every NaN is written as 0x7ff8000000000000 so
/// platforms with different NaN payloads still agree.
struct MLPState: Sendable, Equatable {
    static let magic: [UInt8] = Array("MLPC".utf8)
    static let formatVersion: UInt16 = 1
    static let canonicalNaNBits: UInt64 = 0x7FF8_0000_0000_0000

    var workloadHash: Hash256
    /// SGD steps taken since checkpoint 0.
    var step: UInt64
    /// SplitMix64 state that picks the next minibatches.
    var batchRandomState: UInt64
    var sizes: [Int]
    var parameters: [Double]
    /// Momentum buffer, same layout as `parameters`.
    var velocity: [Double]

    var bytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 64 + 16 * parameters.count)
        writer.write(raw: MLPState.magic)
        writer.write(MLPState.formatVersion)
        writer.write(workloadHash)
        writer.write(step)
        writer.write(batchRandomState)
        writer.write(UInt32(sizes.count))
        for size in sizes { writer.write(UInt32(size)) }
        for values in [parameters, velocity] {
            writer.write(UInt32(values.count))
            for value in values { writer.write(value.isNaN ? MLPState.canonicalNaNBits : value.bitPattern) }
        }
        return writer.bytes
    }

    /// Decodes checkpoint bytes that must belong to the workload with `workloadHash` and `layout`.
    init(bytes: [UInt8], workloadHash expectedHash: Hash256, layout: MLPLayout) throws(WorkloadError) {
        do {
            var reader = CanonicalReader(bytes)
            guard try reader.readRaw(4) == MLPState.magic else { throw WorkloadError.malformedCheckpoint("not an mlp-v1 checkpoint (bad magic)") }
            let version = try reader.readUInt16()
            guard version == MLPState.formatVersion else {
                throw WorkloadError.malformedCheckpoint("checkpoint format \(version), expected \(MLPState.formatVersion)")
            }
            workloadHash = try reader.readHash()
            guard workloadHash == expectedHash else {
                throw WorkloadError.malformedCheckpoint("checkpoint belongs to workload \(workloadHash), not \(expectedHash)")
            }
            step = try reader.readUInt64()
            batchRandomState = try reader.readUInt64()
            let sizeCount = Int(try reader.readUInt32())
            guard sizeCount == layout.sizes.count else { throw WorkloadError.malformedCheckpoint("layer count differs from the description") }
            var sizes: [Int] = []
            for _ in 0..<sizeCount { sizes.append(Int(try reader.readUInt32())) }
            guard sizes == layout.sizes else { throw WorkloadError.malformedCheckpoint("layer widths differ from the description") }
            self.sizes = sizes
            parameters = try MLPState.readDoubles(&reader, count: layout.parameterCount)
            velocity = try MLPState.readDoubles(&reader, count: layout.parameterCount)
            try reader.finish()
        } catch let error as WorkloadError {
            throw error
        } catch {
            throw .malformedCheckpoint("\(error)")
        }
    }

    init(workloadHash: Hash256, step: UInt64, batchRandomState: UInt64, sizes: [Int], parameters: [Double], velocity: [Double]) {
        self.workloadHash = workloadHash
        self.step = step
        self.batchRandomState = batchRandomState
        self.sizes = sizes
        self.parameters = parameters
        self.velocity = velocity
    }

    private static func readDoubles(_ reader: inout CanonicalReader, count: Int) throws -> [Double] {
        let stored = Int(try reader.readUInt32())
        guard stored == count else { throw WorkloadError.malformedCheckpoint("holds \(stored) values where the model has \(count)") }
        guard reader.remaining >= 8 * count else { throw CanonicalDecodingError.truncated }
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Double(bitPattern: try reader.readUInt64())) }
        return values
    }
}
