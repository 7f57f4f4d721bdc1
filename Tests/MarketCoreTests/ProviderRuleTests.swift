import DepinTestSupport
import Testing
@testable import MarketCore
import MarketSimulation

/// Minimum transaction fee of the default parameters, in micro-units; every included transaction pays it.
private let providerFunds = MarketFixture.providerFunds.microUnits

@Suite("register-provider")
struct RegisterProviderTests {
    @Test("stakes gpuCount x providerStakePerGPU from the balance", arguments: [UInt32(1), 3, 8, 999])
    func stakeIsPerGPU(gpus: UInt32) throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        let stakeTotalBefore = fixture.state.globals.stakeTotal.microUnits
        let events = fixture.succeed(address, .registerProvider(MarketFixture.spec(gpus: gpus)))
        let stake = UInt64(gpus) * 10_000_000
        let provider = try #require(fixture.state.providers[address])
        #expect(provider.stake.microUnits == stake)
        #expect(fixture.balance(address).microUnits == providerFunds - stake - txFee)
        #expect(fixture.state.globals.stakeTotal.microUnits == stakeTotalBefore + stake)
        #expect(fixture.state.globals.totalGPUs == UInt64(gpus))
        #expect(events == [.providerRegistered(
            provider: address, tier: .datacenter, gpus: gpus, rate: Amount(microUnits: 900_000),
            stake: Amount(microUnits: stake))])
        expectMoneyConserved(fixture.state)
    }

    @Test("records the declared hardware and counts as the first heartbeat")
    func registrationIsFirstHeartbeat() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.succeed(address, .registerProvider(ProviderSpec(
            tier: .prosumer, gpuCount: 4, memoryPerGPUGB: 24, ratePerGPUHour: Amount(microUnits: 450_000), attested: true)))
        let height = fixture.state.height
        let provider = try #require(fixture.state.providers[address])
        #expect(provider.tier == .prosumer)
        #expect(provider.gpuCount == 4)
        #expect(provider.memoryPerGPUGB == 24)
        #expect(provider.ratePerGPUHour.microUnits == 450_000)
        #expect(provider.attested)
        #expect(provider.status == .active)
        #expect(provider.reputation == 50)
        #expect(provider.busyGPUs == 0)
        #expect(provider.activeAssignments == 0)
        #expect(provider.registeredAt == height)
        #expect(provider.lastHeartbeat == height)
        #expect(provider.heartbeatWindows == 1)
        #expect(provider.sequence == 0)
        let info = try #require(fixture.state.providerInfo(address))
        #expect(info.online)
        #expect(info.availabilityBasisPoints == 10_000)
        #expect(info.freeGPUs == 4)
        #expect(info.requiredStake.microUnits == 40_000_000)
        #expect(fixture.state.listedProviderCount == 1)
    }

    @Test("registration order is kept as a sequence number")
    func sequenceFollowsRegistrationOrder() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(3)
        fixture.registerProvider(1)
        fixture.registerProvider(2)
        #expect(fixture.state.providers[fixture.providers[3]]?.sequence == 0)
        #expect(fixture.state.providers[fixture.providers[1]]?.sequence == 1)
        #expect(fixture.state.providers[fixture.providers[2]]?.sequence == 2)
        #expect(fixture.state.globals.nextProviderSequence == 3)
    }

    @Test("a second registration of the same account fails with 519 provider-exists")
    func duplicateRegistration() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        #expect(fixture.failure(fixture.providers[0], .registerProvider(MarketFixture.spec(gpus: 2))) == .providerExists)
        #expect(fixture.state.providers[fixture.providers[0]]?.gpuCount == 8)
        #expect(fixture.balance(fixture.providers[0]).microUnits == providerFunds - 80_000_000 - 2 * txFee)
    }

    @Test("an unbonding provider cannot register again (519) until it withdrew")
    func reRegistrationAfterWithdrawal() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        fixture.succeed(address, .unregisterProvider)
        #expect(fixture.failure(address, .registerProvider(MarketFixture.spec())) == .providerExists)
        fixture.chain.advance(blocks: 100)
        fixture.succeed(address, .withdrawStake)
        fixture.succeed(address, .registerProvider(MarketFixture.spec(gpus: 2)))
        #expect(fixture.state.providers[address]?.sequence == 1)
        #expect(fixture.state.providers[address]?.stake.microUnits == 20_000_000)
    }

    @Test("hardware outside the rules fails with 506 invalid-gpu", arguments: [
        ProviderSpec(tier: 0, gpuCount: 8, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 4, gpuCount: 8, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 255, gpuCount: 8, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 3, gpuCount: 8, memoryPerGPUGB: 7, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 1, gpuCount: 1, memoryPerGPUGB: 0, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 3, gpuCount: 8, memoryPerGPUGB: 16_385, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 3, gpuCount: 0, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 3, gpuCount: 1_025, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
        ProviderSpec(tier: 3, gpuCount: .max, memoryPerGPUGB: 80, ratePerGPUHour: .tokens(1)),
    ])
    func invalidHardware(spec: ProviderSpec) throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.providers[0], .registerProvider(spec)) == .invalidGPU)
        #expect(fixture.state.providers[fixture.providers[0]] == nil)
        #expect(fixture.balance(fixture.providers[0]).microUnits == providerFunds - txFee)
    }

    @Test("the boundary values of the hardware rules are accepted", arguments: [
        ProviderSpec(tier: 1, gpuCount: 1, memoryPerGPUGB: 8, ratePerGPUHour: Amount(microUnits: 1)),
        ProviderSpec(tier: 3, gpuCount: 1, memoryPerGPUGB: 16_384, ratePerGPUHour: .tokens(1)),
    ])
    func boundaryHardware(spec: ProviderSpec) throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.providers[0], .registerProvider(spec)) == nil)
        #expect(fixture.state.providers[fixture.providers[0]] != nil)
    }

    @Test("the most GPUs a provider may register is maxGPUsPerProvider")
    func maximumGPUCount() throws {
        var fixture = try MarketFixture()
        // 1,024 GPUs stake 10,240 tokens: more than a fixture provider has, so fund one first.
        fixture.succeed(fixture.clients[2], .transfer(to: fixture.providers[0], amount: .tokens(1_000)))
        fixture.succeed(fixture.providers[0], .registerProvider(MarketFixture.spec(gpus: 1_024)))
        #expect(fixture.state.providers[fixture.providers[0]]?.stake.microUnits == 10_240_000_000)
    }

    @Test("a zero rate fails with 500 invalid-provider")
    func zeroRate() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.providers[0], .registerProvider(MarketFixture.spec(rate: .zero))) == .invalidProvider)
        #expect(fixture.state.providers[fixture.providers[0]] == nil)
    }

    @Test("a stake the balance cannot cover fails with 509 insufficient-balance")
    func unaffordableStake() throws {
        var fixture = try MarketFixture()
        // The outsider holds 1,000 tokens: after the fee, 100 GPUs (1,000 tokens) are one fee short.
        #expect(fixture.failure(fixture.outsider, .registerProvider(MarketFixture.spec(gpus: 100))) == .insufficientBalance)
        #expect(fixture.state.providers[fixture.outsider] == nil)
        #expect(fixture.balance(fixture.outsider).microUnits == 1_000_000_000 - txFee)
        fixture.succeed(fixture.outsider, .registerProvider(MarketFixture.spec(gpus: 99)))
        #expect(fixture.balance(fixture.outsider).microUnits == 1_000_000_000 - 2 * txFee - 990_000_000)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("provider-heartbeat")
struct ProviderHeartbeatTests {
    @Test("a heartbeat moves lastHeartbeat and marks the current availability window")
    func heartbeatRecordsWindow() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0) // height 2, window 0
        fixture.chain.advance(blocks: 10) // height 12
        let events = fixture.succeed(address, .providerHeartbeat) // height 13, window 1
        let provider = try #require(fixture.state.providers[address])
        #expect(provider.lastHeartbeat == 13)
        #expect(provider.heartbeatWindows == 0b11)
        #expect(events == [.providerHeartbeat(provider: address)])
        #expect(fixture.state.providerInfo(address)?.availabilityBasisPoints == 10_000)
    }

    @Test("availability is measured from heartbeats: one window missed out of four is 75 %")
    func availabilityIsMeasured() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0) // height 2, window 0
        fixture.chain.advance(blocks: 12) // height 14
        fixture.succeed(address, .providerHeartbeat) // height 15, window 1
        fixture.chain.advance(blocks: 14) // height 29: window 2 never hit
        fixture.succeed(address, .providerHeartbeat) // height 30, window 3
        let info = try #require(fixture.state.providerInfo(address))
        #expect(info.provider.heartbeatWindows == 0b1101)
        #expect(info.availabilityBasisPoints == 7_500)
        #expect(info.online)
    }

    @Test("a heartbeat from an account that is not an active provider fails with 500 invalid-provider")
    func heartbeatFromNonProvider() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .providerHeartbeat) == .invalidProvider)
        #expect(fixture.failure(fixture.validators[0], .providerHeartbeat) == .invalidProvider)
        fixture.registerProvider(0)
        fixture.succeed(fixture.providers[0], .unregisterProvider)
        #expect(fixture.failure(fixture.providers[0], .providerHeartbeat) == .invalidProvider)
    }
}

@Suite("update-provider")
struct UpdateProviderTests {
    @Test("more GPUs take the stake shortfall from the balance")
    func stakeTopUp() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        let events = fixture.succeed(address, .updateProvider(MarketFixture.spec(gpus: 12, rate: Amount(microUnits: 700_000))))
        let provider = try #require(fixture.state.providers[address])
        #expect(provider.stake.microUnits == 120_000_000)
        #expect(provider.gpuCount == 12)
        #expect(provider.ratePerGPUHour.microUnits == 700_000)
        #expect(fixture.balance(address).microUnits == providerFunds - 120_000_000 - 2 * txFee)
        #expect(fixture.state.globals.totalGPUs == 12)
        #expect(events == [.providerUpdated(provider: address, stake: .tokens(120))])
        expectMoneyConserved(fixture.state)
    }

    @Test("fewer GPUs return the excess stake while idle")
    func excessReturnedWhileIdle() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        fixture.succeed(address, .updateProvider(MarketFixture.spec(gpus: 3)))
        #expect(fixture.state.providers[address]?.stake.microUnits == 30_000_000)
        #expect(fixture.balance(address).microUnits == providerFunds - 30_000_000 - 2 * txFee)
        #expect(fixture.state.globals.stakeTotal == fixture.state.moneySupply().stakes)
        expectMoneyConserved(fixture.state)
    }

    @Test("while assigned, fewer GPUs keep the excess stake locked")
    func excessKeptWhileAssigned() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        let job = fixture.postJob(MarketFixture.jobSpec(gpus: 2))
        fixture.succeed(fixture.outsider, .matchJob(job))
        fixture.succeed(address, .updateProvider(MarketFixture.spec(gpus: 2)))
        let provider = try #require(fixture.state.providers[address])
        #expect(provider.gpuCount == 2)
        #expect(provider.busyGPUs == 2)
        #expect(provider.stake.microUnits == 80_000_000)
        #expect(fixture.balance(address).microUnits == providerFunds - 80_000_000 - 2 * txFee)
    }

    @Test("fewer GPUs than are busy fails with 514 stake-locked")
    func belowBusyGPUs() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        let job = fixture.postJob(MarketFixture.jobSpec(gpus: 4))
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.failure(address, .updateProvider(MarketFixture.spec(gpus: 3))) == .stakeLocked)
        #expect(fixture.state.providers[address]?.gpuCount == 8)
        fixture.succeed(address, .updateProvider(MarketFixture.spec(gpus: 4)))
        #expect(fixture.state.providers[address]?.freeGPUs == 0)
    }

    @Test("update-provider from a non-provider fails with 500, invalid hardware with 506, a zero rate with 500")
    func updateValidation() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .updateProvider(MarketFixture.spec())) == .invalidProvider)
        fixture.registerProvider(0)
        #expect(fixture.failure(fixture.providers[0], .updateProvider(MarketFixture.spec(memory: 4))) == .invalidGPU)
        #expect(fixture.failure(fixture.providers[0], .updateProvider(MarketFixture.spec(gpus: 0))) == .invalidGPU)
        #expect(fixture.failure(fixture.providers[0], .updateProvider(MarketFixture.spec(rate: .zero))) == .invalidProvider)
        #expect(fixture.failure(fixture.providers[0], .updateProvider(MarketFixture.spec(gpus: 2_000))) == .invalidGPU)
        // Unaffordable top-up: 10,000 tokens of stake for 1,000 GPUs.
        #expect(fixture.failure(fixture.providers[0], .updateProvider(MarketFixture.spec(gpus: 1_000))) == .insufficientBalance)
        #expect(fixture.state.providers[fixture.providers[0]]?.stake.microUnits == 80_000_000)
    }
}

@Suite("unregister-provider and withdraw-stake")
struct UnregisterProviderTests {
    @Test("unregistering starts unbonding and delists the provider")
    func unregisterStartsUnbonding() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        let events = fixture.succeed(address, .unregisterProvider)
        let height = fixture.state.height
        #expect(fixture.state.providers[address]?.status == .unbonding(releaseHeight: height + 100))
        #expect(events == [.providerUnregistered(provider: address, releaseHeight: height + 100)])
        #expect(fixture.state.listedProviderCount == 0)
        let job = fixture.postJob()
        #expect(fixture.failure(fixture.outsider, .matchJob(job)) == .noEligibleProvider)
        #expect(fixture.failure(address, .acceptJob(job, gpuHours: 1)) == .invalidProvider)
        #expect(fixture.failure(address, .unregisterProvider) == .invalidProvider)
    }

    @Test("unregistering while assigned fails with 514 stake-locked")
    func unregisterWhileAssigned() throws {
        var fixture = try MarketFixture()
        fixture.registerProvider(0)
        let job = fixture.postJob()
        fixture.succeed(fixture.outsider, .matchJob(job))
        #expect(fixture.failure(fixture.providers[0], .unregisterProvider) == .stakeLocked)
        #expect(fixture.state.providers[fixture.providers[0]]?.status == .active)
    }

    @Test("unregister-provider from a non-provider fails with 500 invalid-provider")
    func unregisterNonProvider() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .unregisterProvider) == .invalidProvider)
    }

    @Test("withdraw-stake fails with 514 before the release height and returns the stake from it on")
    func withdrawAfterUnbonding() throws {
        var fixture = try MarketFixture()
        let address = fixture.providers[0]
        fixture.registerProvider(0)
        fixture.succeed(address, .unregisterProvider)
        let release = fixture.state.height + 100
        fixture.chain.advance(blocks: 98)
        #expect(fixture.state.height + 1 == release - 1)
        #expect(fixture.failure(address, .withdrawStake) == .stakeLocked)
        let stakeTotal = fixture.state.globals.stakeTotal.microUnits
        let events = fixture.succeed(address, .withdrawStake)
        #expect(fixture.state.height == release)
        #expect(events == [.stakeWithdrawn(owner: address, amount: .tokens(80))])
        #expect(fixture.state.providers[address] == nil)
        #expect(fixture.state.globals.totalGPUs == 0)
        #expect(fixture.state.globals.stakeTotal.microUnits == stakeTotal - 80_000_000)
        #expect(fixture.balance(address).microUnits == providerFunds - 4 * txFee)
        #expect(fixture.failure(address, .withdrawStake) == .nothingToWithdraw)
        expectMoneyConserved(fixture.state)
    }

    @Test("withdraw-stake with nothing unbonding fails with 533 nothing-to-withdraw")
    func nothingToWithdraw() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .withdrawStake) == .nothingToWithdraw)
        fixture.registerProvider(0)
        #expect(fixture.failure(fixture.providers[0], .withdrawStake) == .nothingToWithdraw)
        #expect(fixture.failure(fixture.validators[0], .withdrawStake) == .nothingToWithdraw)
    }

    @Test("a validator's stake unbonds the same way: 514 before release, returned after")
    func validatorWithdrawal() throws {
        var fixture = try MarketFixture()
        let address = fixture.validators[0]
        let events = fixture.succeed(address, .unregisterValidator)
        let release = fixture.state.height + 100
        #expect(events == [.validatorUnregistered(validator: address, releaseHeight: release)])
        #expect(fixture.state.validators[address]?.status == .unbonding(releaseHeight: release))
        #expect(!fixture.state.activeValidatorAddresses.contains(address))
        fixture.chain.advance(blocks: 98)
        #expect(fixture.failure(address, .withdrawStake) == .stakeLocked)
        #expect(fixture.succeed(address, .withdrawStake) == [.stakeWithdrawn(owner: address, amount: .tokens(200))])
        #expect(fixture.state.validators[address] == nil)
        #expect(fixture.balance(address).microUnits == 1_000_000_000 + 200_000_000 - 3 * txFee)
        expectMoneyConserved(fixture.state)
    }

    @Test("one withdrawal returns a matured provider and validator stake together")
    func combinedWithdrawal() throws {
        var fixture = try MarketFixture()
        let address = fixture.validators[1]
        fixture.succeed(address, .registerProvider(MarketFixture.spec(gpus: 2)))
        fixture.succeed(address, .unregisterProvider)
        fixture.succeed(address, .unregisterValidator)
        fixture.chain.advance(blocks: 100)
        #expect(fixture.succeed(address, .withdrawStake) == [.stakeWithdrawn(owner: address, amount: .tokens(220))])
        #expect(fixture.state.providers[address] == nil)
        #expect(fixture.state.validators[address] == nil)
        expectMoneyConserved(fixture.state)
    }
}

@Suite("register-validator and unregister-validator")
struct ValidatorRegistrationTests {
    @Test("registering stakes the amount and makes the validator eligible for committees")
    func registerValidator() throws {
        var fixture = try MarketFixture()
        let events = fixture.succeed(fixture.outsider, .registerValidator(stake: .tokens(150)))
        let validator = try #require(fixture.state.validators[fixture.outsider])
        #expect(validator.stake.microUnits == 150_000_000)
        #expect(validator.status == .active)
        #expect(validator.reputation == 50)
        #expect(fixture.balance(fixture.outsider).microUnits == 1_000_000_000 - 150_000_000 - txFee)
        #expect(fixture.state.activeValidatorAddresses.contains(fixture.outsider))
        #expect(fixture.state.activeValidatorAddresses.count == 8)
        #expect(events == [.validatorRegistered(validator: fixture.outsider, stake: .tokens(150))])
        expectMoneyConserved(fixture.state)
    }

    @Test("an existing validator registering again fails with 520 validator-exists")
    func duplicateValidator() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.validators[0], .registerValidator(stake: .tokens(100))) == .validatorExists)
        #expect(fixture.state.validators[fixture.validators[0]]?.stake.microUnits == 200_000_000)
    }

    @Test("a stake below validatorMinimumStake fails with 522 insufficient-stake",
          arguments: [UInt64(0), 1, 99_999_999])
    func stakeBelowMinimum(microUnits: UInt64) throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .registerValidator(stake: Amount(microUnits: microUnits))) == .insufficientStake)
        #expect(fixture.state.validators[fixture.outsider] == nil)
    }

    @Test("the minimum stake itself is accepted")
    func minimumStake() throws {
        var fixture = try MarketFixture()
        fixture.succeed(fixture.outsider, .registerValidator(stake: .tokens(100)))
        #expect(fixture.state.validators[fixture.outsider]?.stake.microUnits == 100_000_000)
    }

    @Test("a stake the balance cannot cover fails with 509 insufficient-balance")
    func unaffordableValidatorStake() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .registerValidator(stake: .tokens(1_000))) == .insufficientBalance)
    }

    @Test("unregister-validator from a non-validator or an unbonding one fails with 521 validator-not-found")
    func unregisterUnknownValidator() throws {
        var fixture = try MarketFixture()
        #expect(fixture.failure(fixture.outsider, .unregisterValidator) == .validatorNotFound)
        fixture.succeed(fixture.validators[0], .unregisterValidator)
        #expect(fixture.failure(fixture.validators[0], .unregisterValidator) == .validatorNotFound)
    }
}
