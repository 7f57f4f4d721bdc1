/// ArgumentParser reads `-5` after `--gpu-hours` as a cluster of short flags, so `--gpu-hours -5`
/// answered "Missing value". Joining such a pair as `--gpu-hours=-5` hands the number to the
/// option, whose own parsing then says precisely that the value is invalid.
enum NegativeValues {
    static func joined(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                joined += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
               isNegativeNumber(arguments[index + 1]) {
                joined.append(argument + "=" + arguments[index + 1])
                index += 2
            } else {
                joined.append(argument)
                index += 1
            }
        }
        return joined
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        text.count >= 2 && text.first == "-" && Double(text) != nil
    }
}
