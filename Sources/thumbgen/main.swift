import ThumbgenCLI

// The whole program is ThumbgenCLI; main only hands it argv and exits with its status.
exit(ThumbgenCLI.run(arguments: CommandLine.arguments))
