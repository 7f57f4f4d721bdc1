import MarketAPI
import MarketClient
import MarketCore
import MarketLedger

/// What to do next after an error, by code.
enum Hints {
    static func hint(for code: Int, error: MarketClientError?) -> String? {
        switch code {
        case MarketClientError.ClientCode.unreachable.rawValue:
            return "Start a node with `depin node start --genesis genesis.json`, or pass --node URL (or set DEPIN_NODE)."
        case MarketClientError.ClientCode.stillPending.rawValue:
            return "The node is busy or stopped producing blocks; check `depin blocks latest` and retry later."
        case MarketClientError.ClientCode.invalidResponse.rawValue:
            return "Check that --node points at a depin node of the same version."
        case MarketError.insufficientBalance.code, LedgerError.insufficientFunds.code:
            return "Check the balance with `depin account`; fund it with `depin transfer --to ADDRESS --amount N --key FUNDED_KEY`."
        case MarketError.invalidProvider.code:
            return "Register first, with a rate above zero: `depin provider register --tier consumer --gpus 1 --memory-gb 24 --rate 0.2 --key NAME`."
        case MarketError.providerOffline.code:
            return "Send `depin provider heartbeat --key NAME` at least once per availability window."
        case MarketError.providerExists.code:
            return "Change the registration with `depin provider update --key NAME` (see `depin provider update --help`)."
        case MarketError.jobNotFound.code:
            return "List jobs with `depin job list`."
        case MarketError.noEligibleProvider.code:
            return "See who qualifies with `depin provider list --online`; providers must heartbeat, or raise the job's --max-rate."
        case MarketError.notVerified.code, MarketError.committeePending.code:
            return "Wait for the committee: `depin job show ID` shows the assignment's status and votes."
        case MarketError.notOnCommittee.code, MarketError.invalidEvidence.code:
            return "`depin job show ID --json` lists each committee member's segments; vote with one --evidence per segment."
        case MarketError.validatorNotFound.code:
            return "Register with `depin validator register --stake 100 --key NAME`."
        case MarketError.stakeLocked.code, MarketError.nothingToWithdraw.code:
            return "Unregister first, wait for the unbonding period, then `depin stake withdraw`."
        case MarketError.badNonce.code, LedgerError.nonceTooLow.code, LedgerError.nonceInUse.code,
             LedgerError.nonceGap.code:
            return "Another transaction from this key was submitted at the same time; retry."
        case LedgerError.wrongChain.code:
            return "The node runs another chain; check --node."
        case LedgerError.mempoolFull.code, LedgerError.accountMempoolFull.code, APIErrorCode.rateLimited.rawValue:
            return "The node is busy; retry in a few seconds."
        case APIErrorCode.notFound.rawValue:
            return "Check the id or address; list objects with `depin job list`, `depin provider list` or `depin blocks`."
        default:
            return nil
        }
    }

    static func keyFile(_ error: KeyFileError) -> String? {
        switch error {
        case .notFound: "List keys with `depin keys list --keys-dir DIR` or create one with `depin keys new NAME`."
        case .alreadyExists: "Pick another name; `depin keys list` shows the names in use."
        case .insecure: "Restrict the key file to its owner (chmod 600) and its directory (chmod 700)."
        case .invalidName: "Use letters, digits, '.', '_' and '-'."
        case .malformed, .io: nil
        }
    }
}
