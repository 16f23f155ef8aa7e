import Testing

@testable import FaberCore

@Suite("English: indefinite articles")
struct EnglishTests {
    @Test(
        "a word starting with a vowel letter takes 'an', with a consonant letter 'a'",
        arguments: [
            ("object", "an"), ("integer", "an"), ("apple", "an"), ("umbrella", "an"), ("ec2-instance", "an"),
            ("list", "a"), ("number", "a"), ("string", "a"), ("lambda", "a"), ("boolean", "a"), ("sample", "a"),
        ])
    func vowelLetter(noun: String, article: String) {
        #expect(English.article(for: noun) == article)
    }

    @Test(
        "vowel-letter words that sound like a consonant take 'a'",
        arguments: [
            "unit", "unicorn", "user name", "useful", "usual case", "utility", "euro", "european", "one-off",
        ])
    func consonantSound(noun: String) {
        #expect(English.article(for: noun) == "a")
    }

    @Test(
        "initialisms read letter by letter that start with a vowel sound take 'an'",
        arguments: [
            "s3", "rds", "sns", "sqs", "ses", "ssm", "sso", "sts", "http", "https", "html", "xml", "mfa", "msk",
            "lb", "nlb", "fsx", "rsa", "hsm", "ssl", "sdk",
        ])
    func initialisms(noun: String) {
        #expect(English.article(for: noun) == "an")
    }

    @Test("only the first word counts, in any case")
    func firstWordAnyCase() {
        #expect(English.article(for: "S3 bucket") == "an")
        #expect(English.article(for: "RDS-instance") == "an")
        #expect(English.article(for: "https://example.com") == "an")
        #expect(English.article(for: "Object") == "an")
        #expect(English.article(for: "Unit") == "a")
        // An initialism only when it is the whole first word.
        #expect(English.article(for: "s3x") == "a")
        #expect(English.article(for: "sqsqueue") == "a")
        #expect(English.article(for: "bucket s3") == "a")
    }

    @Test("text with no first word takes 'a'")
    func noWord() {
        #expect(English.article(for: "") == "a")
        #expect(English.article(for: "--") == "a")
    }

    @Test("withArticle puts the article and a space before the noun, keeping its case")
    func withArticle() {
        #expect(English.withArticle("object") == "an object")
        #expect(English.withArticle("S3 bucket") == "an S3 bucket")
        #expect(English.withArticle("user name") == "a user name")
    }

    @Test("every Value type name reads right with its article")
    func typeNames() {
        let values: [Value] = [nil, true, 1, 1.5, "s", [], [:]]
        #expect(
            values.map { English.withArticle($0.typeName) } == [
                "a null", "a boolean", "a number", "a number", "a string", "a list", "an object",
            ])
    }
}
