/// A deck file's name, and the slug, title and source it gives the deck.
struct DeckFileName: Hashable, Sendable {
    /// The path as the person wrote it, used in problem messages.
    let path: String

    /// The last path component: `payments.tsv`.
    var source: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// The extension, lower-cased, without the dot: `tsv`; empty when there is none.
    var fileExtension: String {
        guard let dot = source.lastIndex(of: "."), dot != source.startIndex else { return "" }
        return source[source.index(after: dot)...].lowercased()
    }

    /// The name without its extension: `Payments`.
    var baseName: String {
        guard let dot = source.lastIndex(of: "."), dot != source.startIndex else { return source }
        return String(source[..<dot])
    }

    /// The deck's slug: the base name lower-cased, each run of other characters than letters
    /// and digits turned into one `-`, none at either end; `deck` if nothing is left.
    var slug: String {
        var slug = ""
        for character in baseName.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "deck" : slug
    }
}
