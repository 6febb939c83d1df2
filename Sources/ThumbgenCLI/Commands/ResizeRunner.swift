import Dispatch
import ThumbgenImaging
import ThumbgenBasics

/// Runs a resize batch: `jobs` workers take files in order, each file is read, thumbnailed and
/// written atomically; results are printed as they finish, then a summary.
final class ResizeRunner: @unchecked Sendable {
    private let settings: ResizeSettings
    private let inputs: [InputFile]
    private let console: Console
    private let lock = Lock()
    private var nextIndex = 0
    private var claimedOutputs: [String: String] = [:]
    private var summary = ResizeSummary()
    private let progress: ProgressBar?
    /// Canonical paths of every input, so no output may replace any original of the batch.
    private let originals: Set<String>

    /// Failures known before any work: paths that could not be used, and inputs whose output
    /// name an earlier input (in command-line order) already takes.
    private let upfrontFailures: [ResizeOutcome]

    init(settings: ResizeSettings, inputs: [InputFile], failures: [FileError] = [], console: Console) {
        self.settings = settings
        self.console = console
        // Output names are decided here, in input order, so which file wins a clash (x.jpg and
        // x.png both wanting x.*) never depends on which finishes first. The extension is
        // decided later by the format, so the clash is judged on the name without it.
        var owners: [String: String] = [:]
        var accepted: [InputFile] = []
        var early = failures.map { ResizeOutcome.failure(input: $0.path, message: "\($0)") }
        for input in inputs {
            let stem = OutputNamer.outputPath(for: input, fileExtension: "*", output: settings.output, outDirectory: settings.outDirectory)
            if let owner = owners[stem] {
                early.append(.failure(input: input.path, message: "\(input.path): output \(stem) is already the thumbnail of \(owner)"))
            } else {
                owners[stem] = input.path
                accepted.append(input)
            }
        }
        self.inputs = accepted
        upfrontFailures = early
        let total = accepted.count + early.count
        progress = total > 1 && console.errorIsTerminal && !settings.quiet ? ProgressBar(total: total, console: console) : nil
        originals = Set(accepted.compactMap { FileIO.realPath($0.path) })
    }

    /// - Returns: 0 when every file succeeded, 1 when any failed, 130 when interrupted.
    func run() -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        Interruption.install()
        lock.withLock { for outcome in upfrontFailures { record(outcome) } }
        let workers = min(settings.jobs, inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = takeNext() {
                let outcome = process(inputs[index])
                lock.withLock { record(outcome) }
            }
        }
        progress?.finish()
        summary.elapsed = clock.now - start
        if !settings.quiet, inputs.count + upfrontFailures.count > 1 { console.errorLine(summary.line) }
        if Interruption.requested { return 130 }
        return summary.failed > 0 ? 1 : 0
    }

    private func takeNext() -> Int? {
        lock.withLock {
            guard nextIndex < inputs.count, !Interruption.requested else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    private func process(_ input: InputFile) -> ResizeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let data = try FileIO.read(input.path)
            let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: input.path, options: settings.thumbnail)
            let path = OutputNamer.outputPath(for: input, fileExtension: thumbnail.format.fileExtension,
                                              output: settings.output, outDirectory: settings.outDirectory)
            try claim(path, for: input.path)
            try FileIO.createDirectory(Path.directory(of: path))
            try FileIO.writeAtomically(thumbnail.data, to: path)
            let elapsed = clock.now - start
            return .success(ResizeResult(input: input.path, output: path, width: thumbnail.size.width, height: thumbnail.size.height,
                                         bytesIn: data.count, bytes: thumbnail.data.count, milliseconds: elapsed.milliseconds))
        } catch {
            return .failure(input: input.path, message: "\(error)")
        }
    }

    /// Refuses an output that is an original, or that another input of this batch already wrote.
    private func claim(_ path: String, for input: String) throws(FileError) {
        if let existing = FileIO.realPath(path), originals.contains(existing) {
            throw FileError(path: input, reason: "output \(path) is an original image; refusing to overwrite it")
        }
        let conflict: String? = lock.withLock {
            if let owner = claimedOutputs[path] { return owner }
            claimedOutputs[path] = input
            return nil
        }
        if let conflict {
            throw FileError(path: input, reason: "output \(path) is already the thumbnail of \(conflict)")
        }
    }

    /// Called under the lock.
    private func record(_ outcome: ResizeOutcome) {
        switch outcome {
        case .success(let result):
            summary.done += 1
            summary.bytesIn += result.bytesIn
            summary.bytesOut += result.bytes
            if settings.json {
                console.line(result.jsonLine)
            } else if !settings.quiet {
                progress?.clear()
                console.line("\(result.input) -> \(result.output) (\(result.width)x\(result.height), \(ByteCount.format(result.bytes)), \(result.milliseconds) ms)")
            }
        case .failure(let input, let message):
            summary.failed += 1
            progress?.clear()
            console.errorLine("thumbgen: \(message)")
            if settings.json { console.line(JSONLine.encode(ResizeFailure(input: input, error: message))) }
        }
        progress?.update(completed: summary.done + summary.failed)
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
