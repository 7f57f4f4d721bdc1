/// The hardware a provider offers and its price, as declared at registration or update.
public struct ProviderSpec: Hashable, Sendable, CanonicalCodable {
    /// Raw tier byte as sent; rules reject values outside 1...3 with `invalid-gpu`.
    public var tier: UInt8
    public var gpuCount: UInt32
    public var memoryPerGPUGB: UInt32
    public var ratePerGPUHour: Amount
    /// Whether the agent read the hardware from `nvidia-smi` (true) or it was declared by hand.
    public var attested: Bool

    public init(tier: UInt8, gpuCount: UInt32, memoryPerGPUGB: UInt32, ratePerGPUHour: Amount, attested: Bool = false) {
        self.tier = tier
        self.gpuCount = gpuCount
        self.memoryPerGPUGB = memoryPerGPUGB
        self.ratePerGPUHour = ratePerGPUHour
        self.attested = attested
    }

    public init(tier: GPUTier, gpuCount: UInt32, memoryPerGPUGB: UInt32, ratePerGPUHour: Amount, attested: Bool = false) {
        self.init(tier: tier.rawValue, gpuCount: gpuCount, memoryPerGPUGB: memoryPerGPUGB,
                  ratePerGPUHour: ratePerGPUHour, attested: attested)
    }

    public func encode(to writer: inout CanonicalWriter) {
        writer.write(tier)
        writer.write(gpuCount)
        writer.write(memoryPerGPUGB)
        writer.write(ratePerGPUHour)
        writer.write(attested)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        tier = try reader.readUInt8()
        gpuCount = try reader.readUInt32()
        memoryPerGPUGB = try reader.readUInt32()
        ratePerGPUHour = try reader.readAmount()
        attested = try reader.readBool()
    }
}

/// A registered GPU provider. Availability is measured from heartbeats by the ledger, never
/// taken from the provider's word.
public struct Provider: Hashable, Sendable {
    public var address: Address
    public var tier: GPUTier
    public var gpuCount: UInt32
    public var memoryPerGPUGB: UInt32
    public var ratePerGPUHour: Amount
    public var attested: Bool
    public var stake: Amount
    public var busyGPUs: UInt32
    public var activeAssignments: UInt32
    public var reputation: UInt8
    public var registeredAt: BlockHeight
    /// Registration order; the last tie-breaker in matching.
    public var sequence: UInt64
    public var lastHeartbeat: BlockHeight
    /// One bit per availability window; bit 0 is the window of `lastHeartbeat`.
    public var heartbeatWindows: UInt64
    public var jailedUntil: BlockHeight
    public var status: BondingStatus
    /// Last availability window in which a downtime penalty was applied (0 = never).
    public var lastDowntimePenaltyWindow: UInt64
    public var earned: Amount
    public var slashed: Amount
    public var completedAssignments: UInt32
    public var failedAssignments: UInt32

    public var freeGPUs: UInt32 { gpuCount - busyGPUs }

    /// Number of availability windows tracked.
    public static let trackedWindows: UInt64 = 64

    /// Measured availability in basis points at `height`: windows with a heartbeat over windows
    /// elapsed since registration (at most the last 64), the still-open window counting only once hit.
    public func availabilityBasisPoints(at height: BlockHeight, windowBlocks: UInt64) -> UInt32 {
        let current = height / windowBlocks
        let lastWindow = lastHeartbeat / windowBlocks
        let registeredWindow = registeredAt / windowBlocks
        let shift = current >= lastWindow ? current - lastWindow : 0
        let mask = shift >= Provider.trackedWindows ? 0 : heartbeatWindows << shift
        let elapsedWindows = min(Provider.trackedWindows, current - min(current, registeredWindow) + 1)
        let currentHit = mask & 1 == 1
        let denominator = currentHit ? elapsedWindows : elapsedWindows - 1
        guard denominator > 0 else { return 10_000 }
        let countedMask = elapsedWindows >= 64 ? mask : mask & ((1 << elapsedWindows) - 1)
        let hits = UInt64(countedMask.nonzeroBitCount)
        return UInt32(min(hits, denominator) * 10_000 / denominator)
    }

    /// Whether the last heartbeat is inside the liveness window.
    public func isLive(at height: BlockHeight, livenessBlocks: UInt64) -> Bool {
        lastHeartbeat + livenessBlocks >= height
    }

    /// Records a heartbeat at `height`.
    mutating func recordHeartbeat(at height: BlockHeight, windowBlocks: UInt64) {
        let current = height / windowBlocks
        let lastWindow = lastHeartbeat / windowBlocks
        if current > lastWindow {
            let shift = current - lastWindow
            heartbeatWindows = shift >= Provider.trackedWindows ? 0 : heartbeatWindows << shift
        }
        heartbeatWindows |= 1
        lastHeartbeat = max(lastHeartbeat, height)
    }
}

extension Provider: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.write(address)
        writer.write(tier)
        writer.write(gpuCount)
        writer.write(memoryPerGPUGB)
        writer.write(ratePerGPUHour)
        writer.write(attested)
        writer.write(stake)
        writer.write(busyGPUs)
        writer.write(activeAssignments)
        writer.write(reputation)
        writer.write(registeredAt)
        writer.write(sequence)
        writer.write(lastHeartbeat)
        writer.write(heartbeatWindows)
        writer.write(jailedUntil)
        writer.write(status)
        writer.write(lastDowntimePenaltyWindow)
        writer.write(earned)
        writer.write(slashed)
        writer.write(completedAssignments)
        writer.write(failedAssignments)
    }

    public init(from reader: inout CanonicalReader) throws(CanonicalDecodingError) {
        address = try reader.readAddress()
        tier = try reader.read(GPUTier.self)
        gpuCount = try reader.readUInt32()
        memoryPerGPUGB = try reader.readUInt32()
        ratePerGPUHour = try reader.readAmount()
        attested = try reader.readBool()
        stake = try reader.readAmount()
        busyGPUs = try reader.readUInt32()
        activeAssignments = try reader.readUInt32()
        reputation = try reader.readUInt8()
        registeredAt = try reader.readUInt64()
        sequence = try reader.readUInt64()
        lastHeartbeat = try reader.readUInt64()
        heartbeatWindows = try reader.readUInt64()
        jailedUntil = try reader.readUInt64()
        status = try reader.read(BondingStatus.self)
        lastDowntimePenaltyWindow = try reader.readUInt64()
        earned = try reader.readAmount()
        slashed = try reader.readAmount()
        completedAssignments = try reader.readUInt32()
        failedAssignments = try reader.readUInt32()
        guard busyGPUs <= gpuCount else { throw .invalidValue("provider busy GPUs exceed GPU count") }
    }
}
