/// Bech32m (BIP-350) encoding: a human-readable prefix, base-32 data and a 6-character checksum
/// that detects any single typo and most transpositions.
enum Bech32m {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let checksumConstant: UInt32 = 0x2bc8_30a3
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, char) in charset.enumerated() { table[Int(char)] = Int8(index) }
        return table
    }()

    static func encode(prefix: String, bytes: [UInt8]) -> String {
        let data = convertBits(bytes, from: 8, to: 5, pad: true) ?? []
        let checksum = makeChecksum(prefix: Array(prefix.utf8), data: data)
        var out = Array(prefix.utf8)
        out.append(UInt8(ascii: "1"))
        for value in data + checksum { out.append(charset[Int(value)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes and verifies the checksum; nil for any malformed or mixed-case input.
    static func decode(_ text: String) -> (prefix: String, bytes: [UInt8])? {
        let utf8 = Array(text.utf8)
        guard utf8.count <= 90, let separator = utf8.lastIndex(of: UInt8(ascii: "1")),
              separator >= 1, utf8.count - separator - 1 >= 6 else { return nil }
        let hasLower = utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        let hasUpper = utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        guard !(hasLower && hasUpper) else { return nil }
        let lowered = utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        let prefix = Array(lowered[..<separator])
        guard prefix.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        var data: [UInt8] = []
        for char in lowered[(separator + 1)...] {
            guard char < 128, reverse[Int(char)] >= 0 else { return nil }
            data.append(UInt8(reverse[Int(char)]))
        }
        guard polymod(expand(prefix) + data) == checksumConstant else { return nil }
        guard let bytes = convertBits(Array(data.dropLast(6)), from: 5, to: 8, pad: false) else { return nil }
        return (String(decoding: prefix, as: UTF8.self), bytes)
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for index in 0..<5 where (top >> UInt32(index)) & 1 == 1 {
                checksum ^= generator[index]
            }
        }
        return checksum
    }

    private static func expand(_ prefix: [UInt8]) -> [UInt8] {
        prefix.map { $0 >> 5 } + [0] + prefix.map { $0 & 31 }
    }

    private static func makeChecksum(prefix: [UInt8], data: [UInt8]) -> [UInt8] {
        let value = polymod(expand(prefix) + data + [0, 0, 0, 0, 0, 0]) ^ checksumConstant
        return (0..<6).map { UInt8((value >> (5 * (5 - UInt32($0)))) & 31) }
    }

    private static func convertBits(_ input: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var output: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in input {
            guard Int(value) >> from == 0 else { return nil }
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                output.append(UInt8((accumulator >> bits) & maxValue))
            }
        }
        if pad {
            if bits > 0 { output.append(UInt8((accumulator << (to - bits)) & maxValue)) }
        } else if bits >= from || ((accumulator << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return output
    }
}
