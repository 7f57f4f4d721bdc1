/// The command line contract between `ExternalCommandWorkload` and an external trainer.
///
/// The adapter appends these flags to the description's `command`:
/// - `--workload W.json --init --checkpoint-out OUT`: write checkpoint 0 to OUT.
/// - `--workload W.json --segment I --checkpoint-in IN --checkpoint-out OUT`: read checkpoint I,
///   run segment I, write checkpoint I+1.
/// - `--workload W.json --evaluate --checkpoint-in IN`: print `{"accuracyBps": N, "loss": "..."}`.
///
/// W.json holds the description's canonical JSON bytes. Exit 0 on success, `invalidCheckpointExitCode`
/// when IN is not a checkpoint of this workload at segment I (the validator then rejects the
/// segment), anything else for the trainer's own failures.
public enum ExternalSegmentProtocol {
    public static let workloadFlag = "--workload"
    public static let initFlag = "--init"
    public static let segmentFlag = "--segment"
    public static let evaluateFlag = "--evaluate"
    public static let checkpointInFlag = "--checkpoint-in"
    public static let checkpointOutFlag = "--checkpoint-out"
    /// Exit status meaning "the input checkpoint is invalid", as opposed to "I broke" (65 is
    /// sysexits EX_DATAERR; 2 is avoided because argparse uses it for usage errors).
    public static let invalidCheckpointExitCode: Int32 = 65

    static let reservedFlags: Set<String> = [workloadFlag, initFlag, segmentFlag, evaluateFlag, checkpointInFlag, checkpointOutFlag]

    /// Set for every invocation, after the configured environment, to pin thread counts and hash
    /// seeds that would otherwise make floating-point reductions or Python order vary.
    public static let determinismEnvironment: [String: String] = [
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "VECLIB_MAXIMUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "CUBLAS_WORKSPACE_CONFIG": ":4096:8",
    ]
}
