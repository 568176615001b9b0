import ArgumentParser
import ChineseText
import Foundation
import LianxiKit
import Storage

/// Options for commands that study or report for an associate: `--db`, `--as`, `--no-color`.
struct StudyOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(
        name: [.customLong("as"), .customLong("associate")],
        help: ArgumentHelp(
            "The associate studying.",
            discussion: "Default: $LIANXI_ASSOCIATE, else your login name.",
            valueName: "name"))
    var associate: String?

    @Flag(help: "Draw without colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        // The name may come from the environment; it registers an associate on a first run.
        if let scalar = UntrustedText.unshowableCharacter(in: associateName) {
            throw ValidationError(
                "The associate's name holds \(UntrustedText.describe(scalar)), which a terminal "
                    + "would obey rather than show; choose another with --as.")
        }
    }

    /// The associate's name for this run.
    var associateName: String {
        let environment = ProcessInfo.processInfo.environment
        if let associate, !associate.isEmpty { return associate }
        if let name = environment["LIANXI_ASSOCIATE"], !name.isEmpty { return name }
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
        return "associate"
    }
}
