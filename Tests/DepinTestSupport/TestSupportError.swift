/// A failure of the test scaffolding (a missing binary, a process that did not come up, an
/// unexpected HTTP status), with enough context to debug from the test log.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
