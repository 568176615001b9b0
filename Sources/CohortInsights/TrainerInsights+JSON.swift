import Foundation

extension TrainerInsights {
    /// The sections as JSON (all four unless `sections` names fewer): keys sorted, two-space
    /// indentation, a final newline; the schema is in docs/REPORTS.md.
    public func json(sections: [InsightSection] = InsightSection.allCases) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(
            decoding: try encoder.encode(Document(self, sections: sections)), as: UTF8.self)
            + "\n"
    }

    private struct Document: Encodable {
        let version: Int
        let generatedAt: String
        let atRisk: [Risk]?
        let hardestWords: [Word]?
        let deckReleases: [Release]?
        let workload: [Workload]?

        init(_ insights: TrainerInsights, sections: [InsightSection]) {
            version = TrainerInsights.version
            generatedAt = InsightText.timestamp(insights.generatedAt)
            atRisk = sections.contains(.atRisk) ? insights.atRisk.map(Risk.init) : nil
            hardestWords =
                sections.contains(.mistakes) ? insights.hardestWords.map(Word.init) : nil
            deckReleases =
                sections.contains(.releases) ? insights.deckReleases.map(Release.init) : nil
            workload = sections.contains(.workload) ? insights.workload.map(Workload.init) : nil
        }
    }

    private struct Risk: Encodable {
        let name: String
        let displayName: String
        let reasons: [Reason]

        init(_ risk: AssociateAtRisk) {
            name = risk.name
            displayName = risk.displayName
            reasons = risk.reasons.map(Reason.init)
        }
    }

    private struct Reason: Encodable {
        let kind: String
        let text: String
        let days: Int?
        let from: Int?
        let to: Int?
        let rate: Double?
        let target: Double?
        let answers: Int?

        init(_ reason: RiskReason) {
            kind = reason.kind
            text = reason.description
            var days: Int?
            var from: Int?
            var to: Int?
            var rate: Double?
            var target: Double?
            var answers: Int?
            switch reason {
            case .neverStudied: break
            case .idle(let idle): days = idle
            case .backlogGrowing(let before, let after, let window):
                (from, to, days) = (before, after, window)
            case .retentionBelowTarget(let value, let goal, let count):
                rate = InsightText.rounded(value, places: 4)
                target = InsightText.rounded(goal, places: 4)
                answers = count
            }
            (self.days, self.from, self.to, self.rate, self.target, self.answers) =
                (days, from, to, rate, target, answers)
        }
    }

    private struct Word: Encodable {
        let deck: String
        let note: String
        let hanzi: String
        let pinyin: String
        let english: String
        let toneSlips: Int
        let wrongSyllables: Int
        let forgotten: Int
        let mistakes: Int
        let answers: Int
        let associates: Int
        let advice: String

        init(_ word: WordMistakes) {
            deck = word.note.deck
            note = word.note.note
            hanzi = word.label.hanzi
            pinyin = word.label.pinyin
            english = word.label.english
            toneSlips = word.toneSlips
            wrongSyllables = word.wrongSyllables
            forgotten = word.forgotten
            mistakes = word.mistakes
            answers = word.answers
            associates = word.associates
            advice = word.advice.rawValue
        }
    }

    private struct Release: Encodable {
        let associate: String
        let deck: String
        let release: String
        let latest: String?
        let current: Bool

        init(_ holding: DeckHolding) {
            associate = holding.associate
            deck = holding.deck
            release = holding.release
            latest = holding.latest
            current = holding.isCurrent
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(associate, forKey: .associate)
            try container.encode(deck, forKey: .deck)
            try container.encode(release, forKey: .release)
            try container.encode(latest, forKey: .latest)
            try container.encode(current, forKey: .current)
        }

        private enum CodingKeys: String, CodingKey {
            case associate, deck, release, latest, current
        }
    }

    private struct Day: Encodable {
        let date: String
        let reviews: Double
        let minutes: Double
    }

    private struct Workload: Encodable {
        let name: String
        let displayName: String
        let days: [Day]
        let peakReviews: Double
        let peakDate: String
        let limit: Double?
        let willDrown: Bool

        init(_ outlook: WorkloadOutlook) {
            name = outlook.name
            displayName = outlook.displayName
            days = outlook.reviews.indices.map {
                Day(
                    date: InsightText.date(dayNumber: outlook.firstDay + $0),
                    reviews: InsightText.rounded(outlook.reviews[$0], places: 1),
                    minutes: InsightText.rounded(outlook.minutes[$0], places: 1))
            }
            peakReviews = InsightText.rounded(outlook.peakReviews, places: 1)
            peakDate = InsightText.date(dayNumber: outlook.firstDay + outlook.peakDay)
            limit = outlook.limit.isFinite ? outlook.limit : nil
            willDrown = outlook.willDrown
        }
    }
}
