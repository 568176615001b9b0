/// A request the program cannot carry out, with what to do instead; printed as `Error: ...`
/// without the usage text (the options themselves were fine).
struct CommandRefusal: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
