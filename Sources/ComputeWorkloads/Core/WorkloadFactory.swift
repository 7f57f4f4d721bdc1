import Foundation

/// Builds the workload a description names: what providers and validators both call, so they
/// replay with the same code.
public enum WorkloadFactory {
    /// Validates `description` and returns its trainer. External workloads run under `external`.
    public static func make(
        _ description: WorkloadDescription, external: ExternalCommandConfiguration = ExternalCommandConfiguration()
    ) throws(WorkloadError) -> any Workload {
        switch description.kind {
        case .mlpV1: try MLPWorkload(description)
        case .external: try ExternalCommandWorkload(description, configuration: external)
        }
    }
}
