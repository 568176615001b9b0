import Foundation
import PackagePlugin

/// Builds the shipped decks into the program: turns every `decks/*.tsv` file into Swift source,
/// so `lianxi` loads them on first run wherever it is started from.
@main
struct EmbedDecks: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let decks = context.package.directoryURL.appending(path: "decks")
        let files = try FileManager.default.contentsOfDirectory(
            at: decks, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "tsv" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDeckFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) shipped decks",
                executable: try context.tool(named: "DeckEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
