import Foundation

/// A number written with a fixed number of decimal places, byte for byte as C's
/// `printf("%.Nf")` writes it: the exact binary value rounded half to even, `-` kept on a
/// negative number that rounds to zero.
///
/// `String(format:)` goes through Foundation's format parser and a C variadic call for every
/// number (42 % of the time of a 10,000-associate CSV report); this computes the digits in
/// integers. The exact product of the value and the power of ten is the rounded product plus
/// its error, which a fused multiply-add gives exactly, so a half that is only a half after
/// rounding is told apart from a true half.
enum FixedPoint {
    /// Powers of ten a double holds exactly, as doubles and as integers.
    private static let scales: [(double: Double, integer: UInt64)] = (0...15).map {
        (pow(10, Double($0)), (0..<$0).reduce(1) { value, _ in value * 10 })
    }

    /// Past this, the scaled value's units are no longer all exact in a double.
    private static let exactLimit = 4_503_599_627_370_496.0  // 2^52

    /// `value` with `places` decimal places, as `String(format: "%.\(places)f", value)`.
    static func text(_ value: Double, places: Int) -> String {
        guard value.isFinite, (0..<scales.count).contains(places) else {
            return String(format: "%.\(max(0, places))f", value)
        }
        let scale = scales[places]
        let magnitude = value.magnitude
        let product = magnitude * scale.double
        guard product < exactLimit else { return String(format: "%.\(places)f", value) }
        // The exact product is `product + error`; only a product ending in exactly .5 needs
        // the error to round (a double nearer than .5 on one side rounds the same way).
        let error = (-product).addingProduct(magnitude, scale.double)
        let floor = product.rounded(.down)
        let fraction = product - floor
        var units = UInt64(floor)
        if fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && units % 2 == 1))) {
            units += 1
        }
        var text = value.sign == .minus ? "-" : ""
        text += String(units / scale.integer)
        if places > 0 {
            let decimals = String(units % scale.integer)
            text += "." + String(repeating: "0", count: places - decimals.count) + decimals
        }
        return text
    }
}
