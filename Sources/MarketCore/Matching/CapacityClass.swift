/// What a provider can take right now, as the matching index groups it: free GPUs and memory per
/// GPU. Ordered by free GPUs, then memory, so the classes able to take a job form one range that
/// starts at `(job GPUs, job memory)`, apart from classes with more GPUs but too little memory.
struct CapacityClass: Comparable, Hashable, Sendable {
    var freeGPUs: UInt32
    var memoryPerGPUGB: UInt32

    init(freeGPUs: UInt32, memoryPerGPUGB: UInt32) {
        self.freeGPUs = freeGPUs
        self.memoryPerGPUGB = memoryPerGPUGB
    }

    init(_ provider: Provider) {
        self.init(freeGPUs: provider.freeGPUs, memoryPerGPUGB: provider.memoryPerGPUGB)
    }

    static func < (lhs: CapacityClass, rhs: CapacityClass) -> Bool {
        (lhs.freeGPUs, lhs.memoryPerGPUGB) < (rhs.freeGPUs, rhs.memoryPerGPUGB)
    }
}
