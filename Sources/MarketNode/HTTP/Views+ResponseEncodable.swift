import Hummingbird
import MarketAPI

// The views routes return; the router encodes them with `NodeRequestContext.responseEncoder`.
extension AccountView: ResponseEncodable {}
extension ProviderView: ResponseEncodable {}
extension ValidatorView: ResponseEncodable {}
extension JobView: ResponseEncodable {}
extension EligibilityView: ResponseEncodable {}
extension MarketStatsView: ResponseEncodable {}
extension CostQuoteView: ResponseEncodable {}
extension Page: ResponseEncodable {}
extension ParametersView: ResponseEncodable {}
extension HealthView: ResponseEncodable {}
extension BlobView: ResponseEncodable {}
extension ManifestView: ResponseEncodable {}
extension BlockView: ResponseEncodable {}
extension NodeStatusView: ResponseEncodable {}
extension TransactionStatusView: ResponseEncodable {}
