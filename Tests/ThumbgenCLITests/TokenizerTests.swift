import Testing

@testable import ThumbgenCLI

@Suite struct TokenizerTests {
    @Test func splitsEveryShape() {
        let tokens = Tokenizer.tokenize(["--size", "256", "--fit=cover", "-qv", "-", "in.jpg", "--", "--not-an-option", "-x"])
        #expect(
            tokens == [
                .long(name: "size", value: nil), .positional("256"), .long(name: "fit", value: "cover"),
                .short(letters: ["q", "v"]), .positional("-"), .positional("in.jpg"), .terminator,
                .positional("--not-an-option"), .positional("-x"),
            ])
    }

    @Test func emptyValueAfterEqualsIsKept() {
        #expect(Tokenizer.tokenize(["--output="]) == [.long(name: "output", value: "")])
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("sise", "size"), ("qualty", "quality"), ("out-dri", "out-dir"), ("recursve", "recursive"),
    ])
    func suggestsTheClosest(word: String, expected: String) {
        #expect(Suggestion.closest(to: word, in: ["size", "quality", "out-dir", "recursive", "width"]) == expected)
    }

    @Test func suggestsNothingForFarWords() {
        #expect(Suggestion.closest(to: "banana", in: ["size", "quality"]) == nil)
        #expect(Suggestion.closest(to: "x", in: ["size", "fit"]) == nil)
    }

    @Test func editDistanceValues() {
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
        #expect(Suggestion.editDistance(Array("same"), Array("same")) == 0)
    }
}
