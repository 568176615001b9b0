import ArgumentParser
import CohortInsights
import Foundation
import LianxiKit
import Storage

extension Lianxi.Report {
    /// What `lianxi report` writes: the cohort's progress or the trainer's sections.
    enum Section: String, ExpressibleByArgument, CaseIterable {
        case progress
        case atRisk = "at-risk"
        case mistakes, releases, workload, trainer

        /// The trainer's sections it stands for.
        var sections: [InsightSection] {
            switch self {
            case .progress: []
            case .atRisk: [.atRisk]
            case .mistakes: [.mistakes]
            case .releases: [.releases]
            case .workload: [.workload]
            case .trainer: InsightSection.allCases
            }
        }
    }

    func validateSection() throws {
        guard section != .progress else { return }
        if section == .trainer && format == .csv {
            throw ValidationError(
                "A CSV file holds one table: choose --section at-risk, mistakes, releases or "
                    + "workload, or --format json or html for all four.")
        }
        if since != nil || !decks.isEmpty {
            throw ValidationError(
                "--since and --deck narrow the progress report only; the trainer's sections read "
                    + "every answer (docs/REPORTS.md).")
        }
    }

    /// The trainer's sections of the whole database, in the chosen format.
    func trainerSections(_ database: StudyDatabase) throws -> String {
        let history = try CohortHistory(database.insightRecords())
        let insights: TrainerInsights
        do {
            insights = try TrainerInsights(history: history, now: Clock.now())
        } catch {
            throw ValidationError(error.description)
        }
        switch format {
        case .csv:
            return insights.csv(section.sections[0])
        case .json:
            return try insights.json(sections: section.sections)
        case .html:
            return insights.htmlPage(title: "Lianxi · trainer's view", sections: section.sections)
        }
    }
}
