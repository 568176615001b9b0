import LianxiKit
import SpacedRepetition

/// The text of `lianxi intervals`: one aligned row per answer.
struct IntervalsTable {
    let walkthrough: AnswerWalkthrough

    var text: String {
        var rows = [["#", "answer", "recall before", "now", "next in", "memory"]]
        for step in walkthrough.steps {
            let outcome = step.outcome
            rows.append([
                "\(step.number)",
                "\(outcome.rating)",
                step.number == 1 ? "-" : percent(step.retrievabilityBefore),
                describe(outcome.card.phase),
                outcome.interval.label,
                describe(outcome.card.memory),
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { cell, width in
                cell.padding(toLength: width, withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }

    private func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }

    private func describe(_ phase: Phase) -> String {
        switch phase {
        case .new: "new"
        case .learning(let step): "learning, step \(step + 1)"
        case .review: "review"
        case .relearning(let step): "relearning, step \(step + 1)"
        }
    }

    private func describe(_ memory: Memory?) -> String {
        switch memory {
        case .fsrs(let state)?:
            "stability \(decimal(state.stability)) d, difficulty \(decimal(state.difficulty))"
        case .sm2(let ease, let interval)?:
            "ease \(ease), interval \(interval) d"
        case nil: "-"
        }
    }

    private func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
