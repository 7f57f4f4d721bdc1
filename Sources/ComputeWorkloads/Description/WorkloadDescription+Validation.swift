extension WorkloadDescription {
    /// Checks every bound and the members each kind needs; the first problem is thrown.
    public func validate() throws(WorkloadError) {
        try training.validate()
        switch kind {
        case .mlpV1:
            guard command == nil else { throw .invalidDescription(field: "command", reason: "is only for external workloads") }
            guard workingDirectory == nil else {
                throw .invalidDescription(field: "workingDirectory", reason: "is only for external workloads")
            }
            guard let dataset else { throw .invalidDescription(field: "dataset", reason: "is required for mlp-v1") }
            guard let model else { throw .invalidDescription(field: "model", reason: "is required for mlp-v1") }
            try dataset.validate()
            try model.validate()
            let layers = [dataset.features] + model.hidden + [dataset.classes]
            var parameters = 0
            for index in 1..<layers.count {
                parameters += layers[index - 1] * layers[index] + layers[index]
            }
            guard parameters <= WorkloadLimits.maxParameters else {
                throw .invalidDescription(field: "model", reason: "has \(parameters) parameters, more than \(WorkloadLimits.maxParameters)")
            }
            let work = Int64(training.stepsPerSegment) * Int64(training.batchSize) * Int64(parameters)
            guard work <= WorkloadLimits.maxSegmentMultiplyAdds else {
                throw .invalidDescription(
                    field: "training",
                    reason: "needs \(work) multiply-adds per segment, more than \(WorkloadLimits.maxSegmentMultiplyAdds)")
            }
        case .external:
            if let dataset { try dataset.validate() }
            if let model { try model.validate() }
            guard let command, let program = command.first, !program.isEmpty else {
                throw .invalidDescription(field: "command", reason: "must name a program for external workloads")
            }
            guard command.count <= WorkloadLimits.maxCommandArguments else {
                throw .invalidDescription(field: "command", reason: "has more than \(WorkloadLimits.maxCommandArguments) arguments")
            }
            for argument in command {
                guard argument.utf8.count <= WorkloadLimits.maxArgumentBytes, !argument.utf8.contains(0) else {
                    throw .invalidDescription(field: "command", reason: "has an argument over \(WorkloadLimits.maxArgumentBytes) bytes or with a NUL")
                }
                guard !argument.hasPrefix("--checkpoint-") && !ExternalSegmentProtocol.reservedFlags.contains(argument) else {
                    throw .invalidDescription(field: "command", reason: "must not contain the protocol's own flag \(argument)")
                }
            }
            if let workingDirectory {
                guard !workingDirectory.isEmpty, workingDirectory.utf8.count <= WorkloadLimits.maxArgumentBytes,
                      !workingDirectory.utf8.contains(0)
                else {
                    throw .invalidDescription(field: "workingDirectory", reason: "must be 1...\(WorkloadLimits.maxArgumentBytes) bytes without NUL")
                }
            }
        }
    }
}

extension TrainingSpec {
    func validate() throws(WorkloadError) {
        try check("training.segments", segments, 1...WorkloadLimits.maxSegments)
        try check("training.stepsPerSegment", stepsPerSegment, 1...WorkloadLimits.maxStepsPerSegment)
        try check("training.batchSize", batchSize, 1...WorkloadLimits.maxBatchSize)
        guard learningRate > .zero, learningRate <= WorkloadLimits.maxLearningRate else {
            throw .invalidDescription(field: "training.learningRate", reason: "must be above 0 and at most \(WorkloadLimits.maxLearningRate)")
        }
        guard momentum < FixedDecimal(integer: 1) else {
            throw .invalidDescription(field: "training.momentum", reason: "must be below 1")
        }
    }
}

extension DatasetSpec {
    func validate() throws(WorkloadError) {
        try check("dataset.classes", classes, 2...WorkloadLimits.maxClasses)
        try check("dataset.features", features, 1...WorkloadLimits.maxFeatures)
        try check("dataset.trainSamples", trainSamples, 1...WorkloadLimits.maxSamples)
        try check("dataset.testSamples", testSamples, 1...WorkloadLimits.maxSamples)
        if kind == .spirals, features != 2 {
            throw .invalidDescription(field: "dataset.features", reason: "must be 2 for spirals")
        }
        guard (trainSamples + testSamples) * features <= WorkloadLimits.maxDatasetValues else {
            throw .invalidDescription(field: "dataset", reason: "holds more than \(WorkloadLimits.maxDatasetValues) values")
        }
        guard noise <= WorkloadLimits.maxNoise else {
            throw .invalidDescription(field: "dataset.noise", reason: "must be at most \(WorkloadLimits.maxNoise)")
        }
    }
}

extension ModelSpec {
    func validate() throws(WorkloadError) {
        guard hidden.count <= WorkloadLimits.maxHiddenLayers else {
            throw .invalidDescription(field: "model.hidden", reason: "has more than \(WorkloadLimits.maxHiddenLayers) layers")
        }
        for width in hidden { try check("model.hidden", width, 1...WorkloadLimits.maxLayerWidth) }
    }
}

private func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(WorkloadError) {
    guard range.contains(value) else {
        throw .invalidDescription(field: field, reason: "is \(value), must be in \(range.lowerBound)...\(range.upperBound)")
    }
}
