import Foundation

/// The grid on which the workload forecast merges memory states, with cells numbered densely
/// from 0.
///
/// Stability cells split each doubling of S into equal steps (read from the bits of the
/// floating-point number: no logarithm is needed), so a cell is a few percent wide at any
/// scale; difficulty cells have equal widths. Cards whose memories share a cell are treated as
/// one group with their mean stability and difficulty; the next interval (linear in S) and the
/// stability gained at a review (linear in 11 − D) are preserved to first order by that mean.
struct MemoryGrid: Hashable, Sendable {
    /// Stability cells per doubling of S: a power of two.
    let stabilityCellsPerDoubling: Int
    /// The width of a difficulty cell.
    let difficultyWidth: Double
    /// The number of stability cells, for S from 2⁻¹⁰ to 2²⁰ days.
    let stabilityCells: Int
    /// The number of difficulty cells, from 1 to 10.
    let difficultyCells: Int

    /// The grid the forecast uses: 8 cells per doubling of S (6–12 % wide), 0.5 in difficulty.
    static let standard = MemoryGrid(stabilityCellsPerDoubling: 8, difficultyWidth: 0.5)

    /// A grid with the given cell sizes.
    init(stabilityCellsPerDoubling: Int, difficultyWidth: Double) {
        precondition(stabilityCellsPerDoubling > 0 && stabilityCellsPerDoubling <= 1 << 20)
        precondition(stabilityCellsPerDoubling & (stabilityCellsPerDoubling - 1) == 0)
        precondition(difficultyWidth > 0)
        self.stabilityCellsPerDoubling = stabilityCellsPerDoubling
        self.difficultyWidth = difficultyWidth
        mantissaShift = UInt64(52 - stabilityCellsPerDoubling.trailingZeroBitCount)
        stabilityCells = (Self.largestExponent - Self.smallestExponent) * stabilityCellsPerDoubling
        difficultyCells = Int((9 / difficultyWidth).rounded(.down)) + 1
    }

    /// The number of cells.
    var cellCount: Int { stabilityCells * difficultyCells }

    /// The cell holding `memory`.
    func cell(of memory: MemoryState) -> Int {
        // The biased exponent and the top bits of the mantissa, read together, count steps of
        // 1/cellsPerDoubling of a doubling (for positive, normal numbers).
        let steps = Int(truncatingIfNeeded: memory.stability.bitPattern >> mantissaShift)
        let stability = steps - (1_023 + Self.smallestExponent) * stabilityCellsPerDoubling
        let difficulty = Int(((memory.difficulty - 1) / difficultyWidth).rounded(.down))
        return min(max(stability, 0), stabilityCells - 1) * difficultyCells
            + min(max(difficulty, 0), difficultyCells - 1)
    }

    private let mantissaShift: UInt64
    private static let smallestExponent = -10
    private static let largestExponent = 20
}
