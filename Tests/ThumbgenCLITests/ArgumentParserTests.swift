import Testing

@testable import ThumbgenCLI

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser(
        command: "demo",
        options: [
            .value("size", short: "s", valueName: "N", help: "size"),
            .value("output", short: "o", valueName: "FILE", help: "output"),
            .value("var", valueName: "K=V", help: "vars", repeatable: true),
            .flag("upscale", short: "u", help: "upscale"),
            .flag("quiet", short: "q", help: "quiet"),
            .flag("help", short: "h", help: "help"),
        ],
        positionals: [PositionalSpec(name: "INPUT", help: "inputs", repeating: true, required: true)]
    )

    @Test func longValueBothSpellings() throws {
        let spaced = try parser.parse(["--size", "128", "a.jpg"])
        let joined = try parser.parse(["--size=128", "a.jpg"])
        #expect(spaced.string("size") == "128")
        #expect(joined.string("size") == "128")
        #expect(spaced.positionals == ["a.jpg"])
    }

    @Test func shortClustersAndAttachedValues() throws {
        let parsed = try parser.parse(["-uq", "-oout.jpg", "a.jpg", "-s", "64"])
        #expect(parsed.has("upscale"))
        #expect(parsed.has("quiet"))
        #expect(parsed.string("output") == "out.jpg")
        #expect(parsed.string("size") == "64")
        #expect(parsed.positionals == ["a.jpg"])
    }

    @Test func clusterEndingInValueOptionTakesNextArgument() throws {
        let parsed = try parser.parse(["-qo", "x.png", "a.jpg"])
        #expect(parsed.string("output") == "x.png")
        #expect(parsed.positionals == ["a.jpg"])
    }

    @Test func terminatorMakesEverythingPositional() throws {
        let parsed = try parser.parse(["--", "--size", "-q"])
        #expect(parsed.positionals == ["--size", "-q"])
        #expect(!parsed.has("quiet"))
    }

    @Test func repeatedInputsAndRepeatableOptionKeepOrder() throws {
        let parsed = try parser.parse(["a.jpg", "--var", "x=1", "b.png", "--var=y=2", "c.jpg"])
        #expect(parsed.positionals == ["a.jpg", "b.png", "c.jpg"])
        #expect(parsed.strings("var") == ["x=1", "y=2"])
    }

    @Test func lastValueWins() throws {
        #expect(try parser.parse(["--size", "1", "--size", "2", "a"]).string("size") == "2")
    }

    @Test func unknownLongOptionSuggestsClosest() {
        #expect {
            try parser.parse(["--sise", "3", "a.jpg"])
        } throws: { error in
            let usage = error as? UsageError
            return usage?.code == .unknownOption && usage?.suggestion == "--size" && usage?.message.contains("--sise") == true
        }
    }

    @Test func unknownShortOption() {
        #expect(throws: UsageError(.unknownOption, "unknown option '-z' for 'demo'", command: "demo")) {
            try parser.parse(["-z", "a.jpg"])
        }
    }

    /// Issue 15: every unknown option gets the closest spelling, short ones too.
    @Test(arguments: [("-O", "-o"), ("-v", "--var"), ("-U", "-u"), ("-x", nil)] as [(String, String?)])
    func unknownShortOptionSuggestsClosest(spelled: String, suggestion: String?) {
        #expect {
            try parser.parse([spelled, "a.jpg"])
        } throws: { error in
            let usage = error as? UsageError
            return usage?.code == .unknownOption && usage?.suggestion == suggestion
        }
    }

    @Test func missingValueNamesTheFlag() {
        #expect(throws: UsageError(.missingValue, "--size needs a value (N)", command: "demo")) {
            try parser.parse(["a.jpg", "--size"])
        }
        #expect(throws: UsageError(.missingValue, "--output needs a value (FILE)", command: "demo")) {
            try parser.parse(["--output", "--quiet", "a.jpg"])
        }
    }

    @Test func flagWithValueIsRejected() {
        #expect(throws: UsageError(.unexpectedValue, "--upscale takes no value", command: "demo")) {
            try parser.parse(["--upscale=yes", "a.jpg"])
        }
    }

    @Test func missingPositional() {
        #expect(throws: UsageError(.missingArgument, "'demo' needs INPUT", command: "demo")) {
            try parser.parse(["--quiet"])
        }
    }

    @Test func helpNeedsNoPositional() throws {
        #expect(try parser.parse(["--help"]).has("help"))
    }

    @Test func integerValidation() throws {
        let parsed = try parser.parse(["--size", "abc", "a"])
        #expect(throws: UsageError(.invalidValue, "--size: 'abc' is not a whole number 1 to 10", command: "demo")) {
            try parsed.integer("size", in: 1...10)
        }
        #expect(try parser.parse(["--size", "7", "a"]).integer("size", in: 1...10) == 7)
        #expect(try parser.parse(["a"]).integer("size", in: 1...10) == nil)
    }

    @Test func tooManyPositionalsForFixedCommand() {
        let fixed = ArgumentParser(
            command: "one", options: [],
            positionals: [PositionalSpec(name: "KEY", help: "", repeating: false, required: true)])
        #expect(throws: UsageError(.unexpectedArgument, "unexpected argument 'b' for 'one'", command: "one")) {
            try fixed.parse(["a", "b"])
        }
    }
}
