/// Market-wide counters and pools, committed like every other entry.
public struct Globals: Hashable, Sendable, CanonicalCodable {
    /// Account allowed to change parameters (and mint on development chains).
    public var governance: Address
    public var treasury: Amount
    /// Genesis allocations plus anything minted; the conservation invariant's right-hand side.
    public var supply: Amount
    public var nextJobID: UInt64
    public var nextProviderSequence: UInt64
    /// Money held by jobs.
    public var escrowTotal: Amount
    /// Provider and validator stakes, unbonding ones included.
    public var stakeTotal: Amount
    /// Verified provider payouts not yet claimed.
    public var claimableTotal: Amount
    public var jobsByStatus: [UInt64]
    public var totalGPUs: UInt64
    public var busyGPUs: UInt64
    public var gpuHoursVerified: UInt64
    public var feesCollected: Amount
    public var slashedTotal: Amount

    public init(governance: Address) {
        self.governance = governance
        self.treasury = .zero
        self.supply = .zero
        self.nextJobID = 1
        self.nextProviderSequence = 0
        self.escrowTotal = .zero
        self.stakeTotal = .zero
        self.claimableTotal = .zero
        self.jobsByStatus = Array(repeating: 0, count: JobStatus.allCases.count)
        self.totalGPUs = 0
        self.busyGPUs = 0
        self.gpuHoursVerified = 0
        self.feesCollected = .zero
        self.slashedTotal = .zero
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(governance)
        writer.write(treasury)
        writer.write(supply)
        writer.write(nextJobID)
        writer.write(nextProviderSequence)
        writer.write(escrowTotal)
        writer.write(stakeTotal)
        writer.write(claimableTotal)
        writer.write(UInt32(jobsByStatus.count))
        for count in jobsByStatus { writer.write(count) }
        writer.write(totalGPUs)
        writer.write(busyGPUs)
        writer.write(gpuHoursVerified)
        writer.write(feesCollected)
        writer.write(slashedTotal)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        governance = try reader.readAddress()
        treasury = try reader.readAmount()
        supply = try reader.readAmount()
        nextJobID = try reader.readUInt64()
        nextProviderSequence = try reader.readUInt64()
        escrowTotal = try reader.readAmount()
        stakeTotal = try reader.readAmount()
        claimableTotal = try reader.readAmount()
        let count = Int(try reader.readUInt32())
        guard count == JobStatus.allCases.count else { throw .invalidValue("job status counters") }
        jobsByStatus = []
        for _ in 0..<count { jobsByStatus.append(try reader.readUInt64()) }
        totalGPUs = try reader.readUInt64()
        busyGPUs = try reader.readUInt64()
        gpuHoursVerified = try reader.readUInt64()
        feesCollected = try reader.readAmount()
        slashedTotal = try reader.readAmount()
    }
}
