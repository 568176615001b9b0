/// Plain text from the HTML that Anki keeps in its fields.
enum HTMLText {
    /// `html` as plain text: line breaks and block tags become spaces, other tags go, entities
    /// are decoded (`&amp;` → `&`, `&#20013;` → `中`) and sound references (`[sound:a.mp3]`)
    /// are dropped; the result is tidied like any cell.
    static func plainText(_ html: String) -> String {
        var text = ""
        var rest = Substring(html)
        while let start = rest.firstIndex(where: { $0 == "<" || $0 == "&" || $0 == "[" }) {
            text += rest[..<start]
            rest = rest[start...]
            if let tag = rest.prefixTag {
                text += tag.isBlock ? " " : ""
                rest = rest.dropFirst(tag.length)
            } else if let entity = rest.prefixEntity {
                text += entity.text
                rest = rest.dropFirst(entity.length)
            } else if let sound = rest.prefixSoundReference {
                rest = rest.dropFirst(sound)
            } else {
                text += rest.prefix(1)
                rest = rest.dropFirst()
            }
        }
        text += rest
        return CellText.tidied(text)
    }

    /// Named entities that vocabulary fields use; others are left as written.
    static let namedEntities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "ensp": " ", "emsp": " ", "thinsp": " ", "ndash": "–", "mdash": "—", "hellip": "…",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "middot": "·", "bull": "•",
        "times": "×", "divide": "÷", "deg": "°", "yen": "¥", "euro": "€", "pound": "£",
        "copy": "©", "reg": "®", "trade": "™", "laquo": "«", "raquo": "»",
    ]
}

extension Substring {
    /// A tag at the start: `<br>`, `</div>`, `<b class="x">`, `<!-- … -->`.
    fileprivate var prefixTag: (length: Int, isBlock: Bool)? {
        guard first == "<", let next = dropFirst().first,
            next.isLetter || next == "/" || next == "!",
            let end = firstIndex(of: ">")
        else { return nil }
        let body = self[index(after: startIndex)..<end]
        let name = body.drop(while: { $0 == "/" })
            .prefix(while: { $0.isLetter || $0.isNumber })
            .lowercased()
        let blocks: Set = ["br", "div", "p", "li", "ul", "ol", "tr", "td", "th", "hr", "table"]
        return (distance(from: startIndex, to: end) + 1, blocks.contains(name))
    }

    /// An entity at the start: `&amp;`, `&#20013;`, `&#x4e2d;`.
    fileprivate var prefixEntity: (length: Int, text: String)? {
        guard first == "&", let end = prefix(12).firstIndex(of: ";") else { return nil }
        let body = self[index(after: startIndex)..<end]
        let length = distance(from: startIndex, to: end) + 1
        if body.first == "#" {
            let digits = body.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (length, String(Character(scalar)))
        }
        guard let text = HTMLText.namedEntities[body] else { return nil }
        return (length, text)
    }

    /// The length of a sound reference at the start: `[sound:zhifu.mp3]`.
    fileprivate var prefixSoundReference: Int? {
        guard hasPrefix("[sound:"), let end = firstIndex(of: "]") else { return nil }
        return distance(from: startIndex, to: end) + 1
    }
}
