import Dispatch
import ThumbgenBasics
import ThumbgenImaging

/// Runs a resize batch: `jobs` workers take files (largest first when several, see
/// ``ResizeSchedule``), each file is read once, thumbnailed
/// at every `--size` and written (atomically for regular files); results are printed as they
/// finish, then a summary and the failed files again.
final class ResizeRunner: @unchecked Sendable {
    private let settings: ResizeSettings
    private let inputs: [InputFile]
    private let console: Console
    private let lock = Lock()
    private var nextIndex = 0
    /// Input indices in processing order (``ResizeSchedule``).
    private let schedule: [Int]
    private var claimedOutputs: [String: String] = [:]
    private var summary = ResizeSummary()
    /// Failed files with their message, in the order they failed.
    private var failures: [String] = []
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
        let pixelsInName = settings.nameTemplate.map { $0.uses("width") || $0.uses("height") } ?? false
        for input in inputs {
            let stems = settings.sizes.map {
                OutputNamer.outputPath(for: input, target: .init(fileExtension: "*", size: $0.label), settings: settings)
            }
            if !pixelsInName, let stem = stems.first(where: { owners[$0] != nil }), let owner = owners[stem] {
                early.append(
                    .failure(
                        input: input.displayName,
                        message: "\(input.displayName): output \(stem) is already the thumbnail of \(owner) "
                            + "(\(OutputNamer.describe(settings))); tell them apart with --name, e.g. '{name}_{inext}.{ext}' or '{dir}/{name}.{ext}'"))
            } else {
                for stem in stems { owners[stem] = input.displayName }
                accepted.append(input)
            }
        }
        self.inputs = accepted
        schedule = ResizeSchedule.order(
            byteSizes: accepted.map { $0.path == "-" ? nil : FileIO.regularFileSize($0.path) },
            workers: min(settings.jobs, accepted.count))
        upfrontFailures = early
        let total = accepted.count + early.count
        summary.total = total
        progress = total > 1 && console.errorIsTerminal && !settings.quiet ? ProgressBar(total: total, console: console) : nil
        originals = Set(accepted.compactMap { $0.path == "-" ? nil : FileIO.realPath($0.path) })
    }

    /// - Returns: 0 when every file succeeded, 1 when any failed, 130 when interrupted.
    func run() -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        Interruption.install()
        lock.withLock { for outcome in upfrontFailures { record([outcome]) } }
        let workers = min(settings.jobs, inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = takeNext() {
                let outcomes = process(inputs[index])
                lock.withLock { record(outcomes) }
            }
        }
        progress?.finish()
        summary.elapsed = clock.now - start
        summary.interrupted = Interruption.requested
        if !settings.quiet, summary.total > 1 || summary.interrupted {
            console.errorLine(summary.line(showSkipped: settings.skipExisting))
            if !failures.isEmpty, summary.total > 1 {
                console.errorLine("Failed (\(failures.count)):")
                for failure in failures { console.errorLine("  \(failure)") }
            }
        }
        if Interruption.requested { return 130 }
        return summary.failed > 0 ? 1 : 0
    }

    private func takeNext() -> Int? {
        lock.withLock {
            guard nextIndex < inputs.count, !Interruption.requested else { return nil }
            defer { nextIndex += 1 }
            return schedule[nextIndex]
        }
    }

    /// Every size of one input: one outcome per thumbnail, or one failure, or `.skipped`.
    private func process(_ input: InputFile) -> [ResizeOutcome] {
        let clock = ContinuousClock()
        let start = clock.now
        let name = input.displayName
        let sizes = settings.skipExisting ? settings.sizes.filter { !OutputFreshness.isUpToDate(input, size: $0, settings: settings) } : settings.sizes
        if sizes.isEmpty { return [.skipped(input: name)] }
        let data: [UInt8]
        do {
            data = try InputReader.read(input.path, name: name, maxPixels: settings.thumbnail.maxPixels)
        } catch {
            return [.failure(input: name, message: message(for: error))]
        }
        var outcomes: [ResizeOutcome] = []
        for size in sizes {
            do {
                let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: name, options: settings.thumbnail(for: size))
                let target = OutputNamer.Target(
                    fileExtension: thumbnail.format.fileExtension, size: size.label,
                    width: String(thumbnail.size.width), height: String(thumbnail.size.height))
                let path = OutputNamer.outputPath(for: input, target: target, settings: settings)
                if settings.writesToStandardOutput {
                    try writeToStandardOutput(thumbnail.data)
                } else {
                    try claim(path, for: name)
                    if !FileIO.exists(path) { try FileIO.createDirectory(OutputDestination.folder(for: path)) }
                    try OutputDestination.write(thumbnail.data, to: path)
                }
                let elapsed = clock.now - start
                outcomes.append(
                    .success(
                        ResizeResult(
                            input: name, output: settings.writesToStandardOutput ? "-" : path,
                            width: thumbnail.size.width, height: thumbnail.size.height,
                            bytesIn: outcomes.isEmpty ? data.count : 0, bytes: thumbnail.data.count,
                            milliseconds: elapsed.milliseconds)))
            } catch {
                return outcomes + [.failure(input: name, message: message(for: error))]
            }
        }
        return outcomes
    }

    /// Writes a thumbnail to standard output whole, under the lock (so nothing interleaves).
    private func writeToStandardOutput(_ bytes: [UInt8]) throws(FileError) {
        let failure = lock.withLock { () -> FileError? in
            do {
                try OutputDestination.writeAll(bytes, to: console.outputDescriptor, name: "standard output")
                return nil
            } catch {
                // Typed throws do not survive `withLock`'s `rethrows`; the error is a FileError.
                return error as? FileError ?? FileError(path: "standard output", reason: "\(error)")
            }
        }
        if let failure { throw failure }
    }

    /// The one line for a failed file; the pixel-limit error names the flag that raises it.
    private func message(for error: any Error) -> String {
        if let error = error as? ImageError, error.code == .tooManyPixels, error.message.contains("limit of \(settings.thumbnail.maxPixels)") {
            return error.message + " (raise it with --max-pixels)"
        }
        return "\(error)"
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
            throw FileError(
                path: input,
                reason: "output \(path) is already the thumbnail of \(conflict) (\(OutputNamer.describe(settings))); "
                    + "tell them apart with --name")
        }
    }

    /// Called under the lock with everything one input produced. The input counts once in the
    /// summary: failed if any of its sizes failed, skipped if every size was up to date, else done.
    private func record(_ outcomes: [ResizeOutcome]) {
        var failed = false, skipped = false
        for outcome in outcomes {
            switch outcome {
            case .success(let result):
                summary.bytesIn += result.bytesIn
                summary.bytesOut += result.bytes
                if settings.json {
                    console.line(result.jsonLine)
                } else if !settings.quiet, !settings.imageOnStandardOutput {
                    progress?.clear()
                    console.line("\(result.input) -> \(result.output) (\(result.width)x\(result.height), \(ByteCount.format(result.bytes)), \(result.milliseconds) ms)")
                }
            case .skipped:
                skipped = true
            case .failure(let input, let message):
                failed = true
                failures.append(message)
                progress?.clear()
                console.errorLine("thumbgen: \(message)")
                if settings.json { console.line(JSONLine.encode(ResizeFailure(input: input, error: message))) }
            }
        }
        if failed { summary.failed += 1 } else if skipped { summary.skipped += 1 } else { summary.done += 1 }
        progress?.update(completed: summary.finished)
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
