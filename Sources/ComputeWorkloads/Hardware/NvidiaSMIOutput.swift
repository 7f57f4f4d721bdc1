import Foundation

/// Parsed output of `nvidia-smi --query-gpu=name,memory.total,uuid --format=csv,noheader,nounits`.
public struct NvidiaSMIOutput: Hashable, Sendable {
    /// A line that did not parse, with its 1-based number and why.
    public struct RejectedLine: Hashable, Sendable {
        public var number: Int
        public var text: String
        public var reason: String
    }

    public var gpus: [GPUDevice]
    public var rejected: [RejectedLine]

    /// Most GPUs and bytes read, so a hostile PATH entry cannot make the node hold arbitrary output.
    public static let maxGPUs = 64
    public static let maxBytes = 64 * 1024

    /// Parses one GPU per line: `NAME, MEMORY_MIB, UUID`. Blank lines are skipped; lines with the
    /// wrong field count, a non-integer or zero memory (e.g. `[N/A]`) or a UUID not starting with
    /// `GPU-` are rejected and reported, never guessed at.
    public init(parsing text: String) {
        var gpus: [GPUDevice] = []
        var rejected: [RejectedLine] = []
        let lines = String(decoding: text.utf8.prefix(NvidiaSMIOutput.maxBytes), as: UTF8.self)
        for (offset, rawLine) in lines.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            let number = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count == 3 else {
                rejected.append(RejectedLine(number: number, text: line, reason: "expected 3 comma-separated fields, got \(fields.count)"))
                continue
            }
            guard !fields[0].isEmpty else {
                rejected.append(RejectedLine(number: number, text: line, reason: "empty GPU name"))
                continue
            }
            guard let memory = Int(fields[1]), memory > 0, memory <= 16 * 1024 * 1024 else {
                rejected.append(RejectedLine(number: number, text: line, reason: "memory \(fields[1].debugDescription) is not a positive MiB count"))
                continue
            }
            guard fields[2].hasPrefix("GPU-"), fields[2].count <= 64 else {
                rejected.append(RejectedLine(number: number, text: line, reason: "uuid \(fields[2].debugDescription) does not start with GPU-"))
                continue
            }
            guard gpus.count < NvidiaSMIOutput.maxGPUs else {
                rejected.append(RejectedLine(number: number, text: line, reason: "more than \(NvidiaSMIOutput.maxGPUs) GPUs"))
                continue
            }
            gpus.append(GPUDevice(name: fields[0], memoryMiB: memory, uuid: fields[2]))
        }
        self.gpus = gpus
        self.rejected = rejected
    }
}
