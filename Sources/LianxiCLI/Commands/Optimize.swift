import ArgumentParser
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

extension Lianxi {
    /// `lianxi optimize [--dry-run]`: fits FSRS parameters to the associate's own reviews.
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optimize",
            abstract: "Fit FSRS parameters to your own reviews.",
            discussion: """
                Fits the 21 FSRS-6 parameters to the associate's review log as fsrs-rs (the \
                optimizer Anki uses) does, then scores the parameters in use and the fitted \
                ones on the same reviews: log loss and RMSE(bins), lower is better. The fitted \
                parameters replace the current ones only if they score better on both; then \
                every card is rescheduled by replaying its answers with them, in one \
                transaction. With --dry-run nothing is changed.
                """)

        @OptionGroup var options: StudyOptions

        @Flag(help: "Show the fit and change nothing.")
        var dryRun = false

        func run() throws {
            let (database, associate) = try options.existingAssociate()
            if associate.scheduler == .sm2 && !dryRun {
                throw CommandRefusal(
                    "\(associate.name) is scheduled by SM-2, which does not use FSRS parameters, "
                        + "so there is nothing to save. `lianxi optimize --dry-run` shows what "
                        + "FSRS would fit to \(associate.name)'s reviews; `lianxi associate set "
                        + "\(associate.name) --scheduler fsrs` switches to FSRS. Nothing was "
                        + "changed.")
            }
            // Unreadable parameters are not the defaults: comparing a fit with the defaults
            // would say the associate's own parameters were kept.
            if associate.scheduler == .fsrs, let stored = associate.unreadableParameters {
                throw CommandRefusal(
                    "\(UnreadableParameters(associate: associate.name, stored: stored))")
            }
            let log = try database.reviewLog(for: associate.id)
            let bar = ProgressBar(label: "Fitting FSRS parameters")
            let fit: ParameterFit
            do {
                defer { bar.finish() }
                fit = try ParameterFit.fit(
                    log: log, currentParameters: associate.fsrsParameters,
                    associateName: associate.name, dayCounting: associate.dayCounting,
                    progress: bar.update)
            } catch {
                throw CommandRefusal(error.description)
            }
            let action: ParameterFitReport.Action
            if associate.scheduler == .sm2 {
                action = .dryRunOnSM2
            } else if dryRun {
                action = .dryRun
            } else if fit.choice == .fitted {
                var changed = associate
                changed.fsrsParameters = fit.result.parameters.values
                let rebuild = try Rescheduling.apply(changed, in: database)
                action = .saved(
                    cardsReplayed: rebuild.cardsReplayed, cardsMoved: rebuild.cardsMoved)
            } else {
                action = .kept
            }
            Console.print(
                ParameterFitReport(fit: fit, associateName: associate.name, action: action).text,
                terminator: "")
        }
    }
}
