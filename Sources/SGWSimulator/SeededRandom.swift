/// A small deterministic random source (SplitMix64), so that a simulator run with the same seed makes the same
/// choices: faults in request order, claims per message id.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A source starting from `seed`.
    init(seed: UInt64) { state = seed }

    /// A source for one name under `seed`: the same (seed, name) always gives the same sequence, whatever else
    /// happened before, so a message's claim does not depend on the order messages arrived in.
    init(seed: UInt64, name: String) {
        // FNV-1a over the name's bytes, mixed with the seed.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        state = hash ^ (seed &* 0x9e37_79b9_7f4a_7c15)
    }

    mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// True with probability `share` (0 never, 1 always).
    mutating func chance(_ share: Double) -> Bool {
        guard share > 0 else { return false }
        guard share < 1 else { return true }
        return Double.random(in: 0..<1, using: &self) < share
    }
}
