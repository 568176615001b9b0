import Foundation
import SpacedRepetition

/// Makes hostile progress bundles that are still JSON: a field's value replaced by an extreme
/// or non-finite number or a value of another type, fields removed, unknown or repeated,
/// answers doubled (with the same id or another) and multiplied.
struct BundleForger {
    /// JSON kept as text where it is a value, so that any JSON text can take a value's place
    /// (and keys can repeat, which a dictionary cannot show).
    indirect enum Node {
        case object([(key: String, value: Node)])
        case array([Node])
        case text(String)

        /// The JSON text.
        func write(into output: inout String) {
            switch self {
            case .object(let members):
                output += "{"
                for (index, member) in members.enumerated() {
                    if index > 0 { output += "," }
                    output += Node.quoted(member.key) + ":"
                    member.value.write(into: &output)
                }
                output += "}"
            case .array(let items):
                output += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { output += "," }
                    item.write(into: &output)
                }
                output += "]"
            case .text(let text):
                output += text
            }
        }

        /// Reads a value decoded by `JSONSerialization`.
        init(_ value: Any) {
            switch value {
            case let object as [String: Any]:
                self = .object(object.keys.sorted().map { ($0, Node(object[$0] as Any)) })
            case let array as [Any]:
                self = .array(array.map(Node.init))
            case let string as String:
                self = .text(Node.quoted(string))
            case let number as NSNumber:
                // A bundle holds no true or false, so every number is a number.
                self = .text(number.stringValue)
            default:
                self = .text("null")
            }
        }

        static func quoted(_ text: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
    }

    private let bundle: Node
    private var generator: SplitMix64

    /// A forger of variants of the bundle `data` (JSON), drawing from `seed`; `nil` if `data`
    /// is not JSON.
    init?(bundle data: Data, seed: UInt64) {
        guard let value = try? JSONSerialization.jsonObject(with: data) else { return nil }
        bundle = Node(value)
        generator = SplitMix64(seed: seed)
    }

    /// A hostile variant: one to three forgeries stacked.
    mutating func forge() -> Data {
        var node = bundle
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            node = forge(node, depth: 0)
        }
        var text = ""
        node.write(into: &text)
        return Data(text.utf8)
    }

    private mutating func hostile() -> Node {
        .text(HostileValues.json.randomElement(using: &generator) ?? "null")
    }

    /// Forges one place in `node`, walking down a random path; answers are where most numbers
    /// are, so the walk favours them.
    private mutating func forge(_ node: Node, depth: Int) -> Node {
        switch node {
        case .text:
            return hostile()
        case .array(var items):
            switch Int.random(in: 0..<10, using: &generator) {
            case 0 where !items.isEmpty:  // an answer twice, same id
                items.append(items[Int.random(in: items.indices, using: &generator)])
            case 1 where !items.isEmpty:  // answers multiplied, under new ids
                let item = items[Int.random(in: items.indices, using: &generator)]
                for copy in 0..<Int.random(in: 2...400, using: &generator) {
                    items.append(renamed(item, copy: copy))
                }
            case 2:  // the list replaced
                return hostile()
            case 3 where !items.isEmpty:
                items.remove(at: Int.random(in: items.indices, using: &generator))
            default:
                guard !items.isEmpty else { return hostile() }
                let index = Int.random(in: items.indices, using: &generator)
                items[index] = forge(items[index], depth: depth + 1)
            }
            return .array(items)
        case .object(var members):
            let roll = Int.random(in: 0..<12, using: &generator)
            if roll == 0 || members.isEmpty {  // an unknown field, or the object replaced
                if Bool.random(using: &generator) { return hostile() }
                members.append((key: "unknown", value: hostile()))
            } else if roll == 1 {  // a field removed
                members.remove(at: Int.random(in: members.indices, using: &generator))
            } else if roll == 2 {  // a field repeated with another value
                let member = members[Int.random(in: members.indices, using: &generator)]
                members.append((key: member.key, value: hostile()))
            } else {
                var index = Int.random(in: members.indices, using: &generator)
                if depth == 0, let reviews = members.firstIndex(where: { $0.key == "reviews" }),
                    Int.random(in: 0..<3, using: &generator) > 0
                {
                    index = reviews
                }
                members[index].value = forge(members[index].value, depth: depth + 1)
            }
            return .object(members)
        }
    }

    /// `node` with its `id` field (if any) made unique for `copy`.
    private func renamed(_ node: Node, copy: Int) -> Node {
        guard case .object(var members) = node else { return node }
        for index in members.indices where members[index].key == "id" {
            members[index].value = .text(Node.quoted("forged-\(copy)"))
        }
        return .object(members)
    }
}
