/// One value for each rating, such as how often it is given or how long an answer takes.
public struct PerRating<Value> {
    /// The value for Again.
    public var again: Value
    /// The value for Hard.
    public var hard: Value
    /// The value for Good.
    public var good: Value
    /// The value for Easy.
    public var easy: Value

    /// Creates the four values.
    public init(again: Value, hard: Value, good: Value, easy: Value) {
        self.again = again
        self.hard = hard
        self.good = good
        self.easy = easy
    }

    /// The value for `rating`.
    public subscript(rating: Rating) -> Value {
        get {
            switch rating {
            case .again: again
            case .hard: hard
            case .good: good
            case .easy: easy
            }
        }
        set {
            switch rating {
            case .again: again = newValue
            case .hard: hard = newValue
            case .good: good = newValue
            case .easy: easy = newValue
            }
        }
    }
}

extension PerRating: Equatable where Value: Equatable {}
extension PerRating: Hashable where Value: Hashable {}
extension PerRating: Sendable where Value: Sendable {}
