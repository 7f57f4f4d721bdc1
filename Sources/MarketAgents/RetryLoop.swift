/// Runs `body` every `interval` until the task is cancelled. Errors (a node that is down or
/// restarting) are reported and retried with exponential backoff up to 5 s; they never end the loop.
func retryLoop(
    interval: Duration, report: @Sendable (any Error) async -> Void, _ body: @Sendable () async throws -> Void
) async {
    var backoff = interval
    while !Task.isCancelled {
        do {
            try await body()
            backoff = interval
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            await report(error)
            backoff = min(backoff * 2, .seconds(5))
        }
        try? await Task.sleep(for: backoff)
    }
}
