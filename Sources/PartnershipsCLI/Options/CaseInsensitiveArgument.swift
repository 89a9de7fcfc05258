import ArgumentParser

/// A value from a fixed list, accepted in any letter case (`--format JSON`,
/// `--fail-on Warning`): nobody means something else by it.
public protocol CaseInsensitiveArgument: ExpressibleByArgument, RawRepresentable where RawValue == String {}

extension CaseInsensitiveArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
