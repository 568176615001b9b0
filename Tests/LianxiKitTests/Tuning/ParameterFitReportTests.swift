import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import Testing

@Suite struct ParameterFitReportTests {
    static func fit() throws -> ParameterFit {
        let collection = try StudiedCollection(
            noteCount: 40, studiedCards: 120, newPerDay: 6, days: 90, seed: 3)
        return try ParameterFit.fit(
            log: try collection.database.reviewLog(for: collection.associate.id),
            currentParameters: nil, associateName: "ana",
            dayCounting: collection.associate.dayCounting)
    }

    @Test(arguments: [
        ParameterFitReport.Action.saved(cardsReplayed: 120, cardsMoved: 97), .kept, .dryRun,
        .dryRunOnSM2,
    ])
    func theReportShowsBothScoresAndParametersWithinEightyColumns(
        action: ParameterFitReport.Action
    ) throws {
        let fit = try Self.fit()
        let text = ParameterFitReport(fit: fit, associateName: "ana", action: action).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
        #expect(text.contains(String(format: "%.4f", fit.current.logLoss)))
        #expect(text.contains(String(format: "%.4f", fit.fitted.logLoss)))
        #expect(text.contains(String(format: "%.2f %%", fit.fitted.rmseBins * 100)))
        #expect(text.contains("current (defaults)"))
        for value in fit.result.parameters.values {
            #expect(text.contains(String(format: "%8.4f", value)))
        }
        switch action {
        case .saved: #expect(text.contains("rescheduled 120 cards") && text.contains("97 now"))
        case .kept: #expect(text.contains("Kept the current parameters"))
        case .dryRun: #expect(text.contains("Dry run: nothing was changed"))
        case .dryRunOnSM2: #expect(text.contains("scheduled by SM-2"))
        }
    }

    /// A name in hanzi takes two columns a character; the lines still fit.
    @Test func aNameInHanziStillFitsEightyColumns() throws {
        let fit = try Self.fit()
        let name = "欧阳娜娜欧阳娜娜欧阳娜娜"
        let text = ParameterFitReport(fit: fit, associateName: name, action: .dryRunOnSM2).text
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { String($0).terminalColumns <= 80 }, "\(text)")
        #expect(
            text.replacingOccurrences(of: "\n", with: " ").contains(
                "\(name) is scheduled by SM-2"))
    }
}
