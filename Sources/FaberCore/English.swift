/// Small helpers for message grammar.
public enum English {
    /// `noun` with its indefinite article: "a list", "an object", "an ecs-service", "an s3-bucket",
    /// "a lambda", "an integer", "a user name". By sound, roughly: a vowel letter takes "an" (except
    /// "uni-", "use-", "euro", "one" style words), and so do lower-case initialisms read letter by letter whose
    /// first letter sounds like a vowel (`rds`, `s3`, `sns`, `http`, `xml`, `mfa`, `lb`, `nlb`).
    public static func withArticle(_ noun: String) -> String {
        "\(article(for: noun)) \(noun)"
    }

    public static func article(for noun: String) -> String {
        let lower = noun.lowercased()
        let firstWord = String(lower.prefix { $0.isLetter || $0.isNumber })
        guard let first = firstWord.first else { return "a" }
        if "aeiou".contains(first) {
            let consonantSound = ["uni", "use", "usu", "uti", "euro", "one"]
            return consonantSound.contains { firstWord.hasPrefix($0) } ? "a" : "an"
        }
        if initialismsWithVowelSound.contains(firstWord) { return "an" }
        return "a"
    }

    /// Lower-case initialisms (as in resource types and service names) that start with the sound of a vowel.
    private static let initialismsWithVowelSound: Set<String> = [
        "s3", "rds", "sns", "sqs", "ses", "ssm", "sso", "sts", "http", "https", "html", "xml", "mfa", "msk",
        "lb", "nlb", "fsx", "rsa", "hsm", "ssl", "sdk",
    ]
}
