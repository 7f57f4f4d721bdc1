import ServiceLifecycle

/// Runs `UploadGate.collect` every `collectionIntervalSeconds` until shutdown.
struct UploadCollectorService: Service {
    let gate: UploadGate
    let interval: Duration

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                await gate.collect()
            }
        }
    }
}
