/// A posted training job with its escrow and assignments.
public struct Job: Hashable, Sendable {
    public var id: JobID
    public var client: Address
    public var spec: JobSpec
    public var tier: GPUTier
    public var budget: Amount
    /// Budget still held: budget minus what was paid out and refunded.
    public var escrow: Amount
    /// Cost of assignments that are assigned but not yet settled.
    public var reserved: Amount
    public var status: JobStatus
    public var postedAt: BlockHeight
    /// When unassigned GPU-hours stop waiting for providers.
    public var expiresAt: BlockHeight
    public var unassignedGPUHours: UInt64
    public var assignments: [Assignment]
    /// Providers that failed this job; never matched to it again. Sorted.
    public var excluded: [Address]
    /// Sum of verified assignment costs.
    public var paid: Amount
    public var refunded: Amount

    /// Escrow not yet promised to an assignment.
    public var unreserved: Amount { escrow.saturatingSubtracting(reserved) }

    /// Assignments not yet settled one way or the other.
    public var openAssignments: Int { assignments.count(where: { !$0.status.isFinal }) }
}

extension Job: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.write(id)
        writer.write(client)
        writer.write(spec)
        writer.write(tier)
        writer.write(budget)
        writer.write(escrow)
        writer.write(reserved)
        writer.write(status)
        writer.write(postedAt)
        writer.write(expiresAt)
        writer.write(unassignedGPUHours)
        writer.write(assignments)
        writer.write(excluded)
        writer.write(paid)
        writer.write(refunded)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        id = try reader.read(JobID.self)
        client = try reader.readAddress()
        spec = try reader.read(JobSpec.self)
        tier = try reader.read(GPUTier.self)
        budget = try reader.readAmount()
        escrow = try reader.readAmount()
        reserved = try reader.readAmount()
        status = try reader.read(JobStatus.self)
        postedAt = try reader.readUInt64()
        expiresAt = try reader.readUInt64()
        unassignedGPUHours = try reader.readUInt64()
        assignments = try reader.readArray(of: Assignment.self, field: "assignments", maxCount: 64)
        excluded = try reader.readArray(of: Address.self, field: "excluded", maxCount: 64)
        paid = try reader.readAmount()
        refunded = try reader.readAmount()
    }
}
