import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on standard error, drawn only when standard error is a terminal, so that
/// pipes and logs get none of it.
final class ProgressBar {
    private let label: String
    private let isShown: Bool
    private var lastLine = ""

    init(label: String, isShown: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.isShown = isShown
    }

    /// Redraws the bar for `done` of `total`, if it changed.
    func update(done: Int, total: Int) {
        guard isShown else { return }
        let line = Self.line(label: label, done: done, total: total)
        guard line != lastLine else { return }
        lastLine = line
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    /// Clears the bar's line.
    func finish() {
        guard isShown, !lastLine.isEmpty else { return }
        let blank = String(repeating: " ", count: lastLine.count)
        FileHandle.standardError.write(Data(("\r" + blank + "\r").utf8))
        lastLine = ""
    }

    /// The bar's text: `Fitting  [██████▌·········]  41 %`, 30 cells of eighths.
    static func line(label: String, done: Int, total: Int, width: Int = 30) -> String {
        let fraction = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 0
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        bar += String(repeating: "·", count: width - bar.count)
        let percent = Int((fraction * 100).rounded(.down))
        let percentText = String(repeating: " ", count: 3 - "\(percent)".count) + "\(percent)"
        return "\(label)  [\(bar)] \(percentText) %"
    }
}
