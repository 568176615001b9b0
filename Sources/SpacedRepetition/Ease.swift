/// SM-2's ease: how much a card's interval grows on Good, kept in whole thousandths as Anki
/// keeps it (its `factor`: 2500 is 250 %, a multiplier of 2.5).
///
/// Whole thousandths add and subtract exactly, so an ease that goes down 150 and up 150 comes
/// back to where it was, as in Anki (a `Double` ease would drift by a hair and round an
/// interval the other way).
public struct Ease: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ease in thousandths: 2500 multiplies intervals by 2.5.
    public let thousandths: Int

    /// The ease of `thousandths` thousandths (2500 = 250 %).
    public init(thousandths: Int) {
        self.thousandths = thousandths
    }

    /// The ease a card gets when it first graduates: 250 %.
    public static let starting = Ease(thousandths: 2_500)
    /// The lowest ease: 130 %.
    public static let minimum = Ease(thousandths: 1_300)

    /// The multiplier as Anki's scheduler reads it: `factor / 1000` in single precision
    /// (rslib `Card::ease_factor`).
    public var multiplier: Float {
        Float(thousandths) / 1_000
    }

    /// The ease `change` thousandths away, computed as Anki does: the multiplier plus the
    /// change in single precision, never below `floor`, rounded back to thousandths
    /// (rslib `ReviewState::answer_*` and `apply_review_state`).
    public func adding(_ change: Int, floor: Ease? = nil) -> Ease {
        var changed = multiplier + Float(change) / 1_000
        if let floor { changed = max(changed, floor.multiplier) }
        return Ease(thousandths: Int((changed * 1_000).rounded(.toNearestOrAwayFromZero)))
    }

    /// The ease as a percentage, `245%`.
    public var description: String {
        let tenths = thousandths % 10 == 0 ? "" : ".\(abs(thousandths) % 10)"
        return "\(thousandths / 10)\(tenths)%"
    }

    /// Orders eases from the lowest.
    public static func < (lhs: Ease, rhs: Ease) -> Bool {
        lhs.thousandths < rhs.thousandths
    }
}
