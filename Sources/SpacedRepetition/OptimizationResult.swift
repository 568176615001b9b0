/// What the optimizer found: the parameters and how much of them the data could support.
public struct OptimizationResult: Hashable, Sendable {
    /// How far the fit went, which depends on the number of items (fsrs-rs's thresholds).
    public enum Extent: Hashable, Sendable {
        /// Too few items (under 8 after the outlier filter): the default parameters.
        case defaults
        /// Under 64 items, or only first intervals: fitted w0–w3 with the other defaults.
        case initialStabilities
        /// All 21 parameters were trained.
        case allParameters
    }

    /// The fitted parameters.
    public let parameters: Parameters
    /// How far the fit went.
    public let extent: Extent
    /// The items the fit used, after outliers were dropped.
    public let trainingItemCount: Int
}
