extension String {
    /// Splits the text into pieces of at most `firstLimit` UTF-8 octets for the first piece and
    /// `limit` for the rest. Cuts between characters, and between the scalars of a character only
    /// when that character alone is longer than `limit`; never inside a scalar's UTF-8 sequence.
    func utf8Chunks(first firstLimit: Int, rest limit: Int) -> [String] {
        precondition(firstLimit >= 4 && limit >= 4, "a piece must hold any one scalar")
        var chunks: [String] = []
        var current = ""
        var octets = 0
        var capacity = firstLimit
        func startNext() {
            chunks.append(current)
            current = ""
            octets = 0
            capacity = limit
        }
        for character in self {
            let size = character.utf8.count
            if octets + size > capacity, octets > 0, size <= limit { startNext() }
            if octets + size <= capacity {
                current.append(character)
                octets += size
                continue
            }
            // One character (say a long emoji sequence) longer than a whole piece.
            for scalar in character.unicodeScalars {
                let scalarSize = scalar.utf8.count
                if octets + scalarSize > capacity { startNext() }
                current.unicodeScalars.append(scalar)
                octets += scalarSize
            }
        }
        chunks.append(current)
        return chunks
    }
}
