import MarketCore
import MarketLedger

/// One stored blob or manifest, named by kind and hash.
struct StoredContent: Hashable, Sendable {
    var kind: UploadAuthorization.Kind
    var hash: Hash256
}
