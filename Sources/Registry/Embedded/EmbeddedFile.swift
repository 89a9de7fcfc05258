/// A file compiled into the binary (see scripts/embed-resources).
public struct EmbeddedFile: Sendable {
    public let name: String
    public let text: String
}
