/// What a client asks for: the workload, the hardware and how much compute.
public struct JobSpec: Hashable, Sendable, CanonicalCodable {
    /// Hash of the workload description (kind, hyperparameters, seed, trainer command).
    public var workloadHash: Hash256
    /// Hash of the initial model (checkpoint 0 inputs).
    public var modelHash: Hash256
    public var datasetHash: Hash256
    public var datasetSizeBytes: UInt64
    /// GPUs each assignment runs on.
    public var gpuCount: UInt32
    /// Minimum tier, raw byte as sent (rules reject values outside 1...3 with `invalid-gpu`).
    public var tier: UInt8
    public var memoryPerGPUGB: UInt32
    /// Total GPU-hours (GPUs x hours), covered by up to ten assignments.
    public var gpuHours: UInt64
    public var maxRatePerGPUHour: Amount
    /// Training segments per assignment; checkpoints are C0...C(segmentCount).
    public var segmentCount: UInt32

    public init(
        workloadHash: Hash256, modelHash: Hash256, datasetHash: Hash256, datasetSizeBytes: UInt64,
        gpuCount: UInt32, tier: GPUTier, memoryPerGPUGB: UInt32, gpuHours: UInt64,
        maxRatePerGPUHour: Amount, segmentCount: UInt32
    ) {
        self.workloadHash = workloadHash
        self.modelHash = modelHash
        self.datasetHash = datasetHash
        self.datasetSizeBytes = datasetSizeBytes
        self.gpuCount = gpuCount
        self.tier = tier.rawValue
        self.memoryPerGPUGB = memoryPerGPUGB
        self.gpuHours = gpuHours
        self.maxRatePerGPUHour = maxRatePerGPUHour
        self.segmentCount = segmentCount
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(workloadHash)
        writer.write(modelHash)
        writer.write(datasetHash)
        writer.write(datasetSizeBytes)
        writer.write(gpuCount)
        writer.write(tier)
        writer.write(memoryPerGPUGB)
        writer.write(gpuHours)
        writer.write(maxRatePerGPUHour)
        writer.write(segmentCount)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        workloadHash = try reader.readHash()
        modelHash = try reader.readHash()
        datasetHash = try reader.readHash()
        datasetSizeBytes = try reader.readUInt64()
        gpuCount = try reader.readUInt32()
        tier = try reader.readUInt8()
        memoryPerGPUGB = try reader.readUInt32()
        gpuHours = try reader.readUInt64()
        maxRatePerGPUHour = try reader.readAmount()
        segmentCount = try reader.readUInt32()
    }
}

/// Where a job is in its life.
public enum JobStatus: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible, CanonicalCodable {
    /// Some GPU-hours are not assigned yet.
    case pending = 0
    /// Every GPU-hour is assigned; work, proofs and votes are under way.
    case active = 1
    /// Every GPU-hour was verified and paid; the unspent budget was refunded.
    case completed = 2
    /// The client cancelled before any assignment; the budget was refunded.
    case cancelled = 3
    /// Part of the work could not be placed or verified in time; what was verified was paid and
    /// the rest refunded.
    case expired = 4

    public var isFinal: Bool { self == .completed || self == .cancelled || self == .expired }

    public var description: String {
        switch self {
        case .pending: "pending"
        case .active: "active"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .expired: "expired"
        }
    }

    public func encode(to writer: inout CanonicalWriter) { writer.write(rawValue) }
    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        let raw = try reader.readUInt8()
        guard let status = JobStatus(rawValue: raw) else { throw .invalidTag("job status", raw) }
        self = status
    }
}
