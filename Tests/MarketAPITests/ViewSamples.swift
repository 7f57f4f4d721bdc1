import Foundation
import MarketAPI
import MarketCore

/// Values and hand-written JSON for every view, in the node's spellings.
enum ViewSamples {
    static let alice = Address.derived(from: "alice")
    static let bob = Address.derived(from: "bob")
    static let carol = Address.derived(from: "carol")
    static let hashA = Hash256(w0: 1, w1: 2, w2: 3, w3: 4)
    static let hashB = Hash256(w0: 5, w1: 6, w2: 7, w3: 8)

    static let jobSpec = JobSpecView(
        JobSpec(workloadHash: hashA, modelHash: hashB, datasetHash: hashA, datasetSizeBytes: 1_024, gpuCount: 2,
                tier: .datacenter, memoryPerGPUGB: 40, gpuHours: 8, maxRatePerGPUHour: .tokens(3), segmentCount: 16),
        tier: .datacenter)

    static let providerJSON = """
    {"activeAssignments":1,"address":"\(alice)","attested":true,"availabilityBasisPoints":9500,"completedAssignments":3,
     "earned":"12.500000","failedAssignments":0,"freeGPUs":2,"gpuCount":4,"jailedUntil":0,"lastHeartbeat":90,"memoryPerGPUGB":24,
     "online":true,"ratePerGPUHour":"1.250000","registeredAt":1,"releaseHeight":120,"reputation":52,"requiredStake":"400.000000",
     "slashed":"0.000000","stake":"400.000000","status":"unbonding","tier":"prosumer"}
    """

    static let validatorJSON = """
    {"address":"\(bob)","eligible":true,"missedVotes":1,"penalties":"0.500000","reputation":50,"rewards":"2.000000","stake":"200.000000",
     "status":"active","votesAgainstOutcome":0,"votesCast":4,"votesWithOutcome":4}
    """

    static let assignmentJSON = """
    {"assignedAt":3,"challengeSeed":"\(hashA.hex)","checkpointRoot":"\(hashB.hex)","claimed":false,
     "committee":[{"segments":[1,5],"validator":"\(bob)"},{"segments":[2,7],"validator":"\(carol)"}],
     "cost":"16.000000","disputedSegments":[5],"fee":"0.800000","gpuHours":8,"gpus":2,"index":0,"phase":"dispute",
     "proofDeadline":40,"proofSegmentCount":16,"proofSubmittedAt":20,"provider":"\(alice)","providerPayout":"15.200000",
     "ratePerGPUHour":"2.000000","resultHash":"\(hashA.hex)","round":1,"status":"voting",
     "votes":[{"approve":false,"castAt":22,"evidence":[{"endHash":"\(hashB.hex)","segment":5,"startHash":"\(hashA.hex)"}],"validator":"\(bob)"}],
     "votingDeadline":30}
    """

    static let jobJSON = """
    {"assignments":[\(assignmentJSON)],"budget":"24.000000","client":"\(carol)","escrow":"24.000000","excludedProviders":["\(bob)"],
     "expiresAt":500,"id":7,"paid":"0.000000","postedAt":2,"refunded":"0.000000","reserved":"16.000000","spec":\(specJSON),"status":"active",
     "unassignedGPUHours":0}
    """

    static var specJSON: String { WireJSON.text((try? WireJSON.encode(jobSpec)) ?? Data()) }

    static let statsJSON = """
    {"activeValidators":5,"busyGPUs":2,"claimable":"1.000000","escrowed":"24.000000","feesCollected":"0.300000","gpuHoursVerified":8,
     "height":99,"jobsByStatus":{"active":1,"cancelled":0,"completed":2,"expired":0,"pending":1},"moneyConserved":true,
     "onlineProviders":3,"slashed":"0.000000","staked":"1600.000000","supply":"1000000.000000","totalGPUs":12,"totalJobs":4,"totalProviders":4,
     "totalValidators":5,"treasury":"10.000000","utilizationBasisPoints":1666}
    """

    static let costJSON = """
    {"cost":"16.000000","gpuHours":8,"platformFee":"0.800000","providerPayout":"15.200000","ratePerGPUHour":"2.000000","referenceCost":"20.000000","tier":"consumer"}
    """
}
