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
        case Int(MarketError.insufficientBalance.code), Int(LedgerError.insufficientFunds.code):
            return "Check the balance with `depin account`; fund it with `depin transfer --to ADDRESS --amount N --key FUNDED_KEY`."
        case Int(MarketError.invalidProvider.code):
            return "Register first: `depin provider register --tier consumer --gpus 1 --memory-gb 24 --rate 0.2 --key NAME`."
        case Int(MarketError.providerOffline.code):
            return "Send `depin provider heartbeat --key NAME` at least once per availability window."
        case Int(MarketError.jobNotFound.code):
            return "List jobs with `depin job list`."
        case Int(MarketError.noEligibleProvider.code):
            return "See who qualifies with `depin provider list --online`; providers must heartbeat, or raise the job's --max-rate."
        case Int(MarketError.notVerified.code), Int(MarketError.committeePending.code):
            return "Wait for the committee: `depin job show ID` shows the assignment's status and votes."
        case Int(MarketError.notOnCommittee.code), Int(MarketError.invalidEvidence.code):
            return "`depin job show ID --json` lists each committee member's segments; vote with one --evidence per segment."
        case Int(MarketError.validatorNotFound.code):
            return "Register with `depin validator register --stake 100 --key NAME`."
        case Int(MarketError.stakeLocked.code), Int(MarketError.nothingToWithdraw.code):
            return "Unregister first, wait for the unbonding period, then `depin stake withdraw`."
        case Int(MarketError.badNonce.code), Int(LedgerError.nonceTooLow.code), Int(LedgerError.nonceInUse.code),
             Int(LedgerError.nonceGap.code):
            return "Another transaction from this key was submitted at the same time; retry."
        case Int(LedgerError.wrongChain.code):
            return "The node runs another chain; check --node."
        case Int(LedgerError.mempoolFull.code), Int(LedgerError.accountMempoolFull.code), APIErrorCode.rateLimited.rawValue:
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
