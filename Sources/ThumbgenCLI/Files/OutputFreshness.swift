import ThumbgenBasics
import ThumbgenImaging

#if canImport(Glibc)
import Glibc
#endif

/// `resize --skip-existing`: whether an input's thumbnail at one size is already there and at
/// least as new as the input (modification times, as `make` compares them).
enum OutputFreshness {
    /// Whether an output of `input` at `size` exists as a regular file (after symlinks) whose
    /// modification time is not older than the input's.
    ///
    /// With `--format auto` the extension depends on the pixels, so either format's file counts.
    /// With `{width}`/`{height}` in `--name`, the thumbnail's size is planned from the input's
    /// header (read from its first 1 MiB). Standard input and streams are never skipped.
    static func isUpToDate(_ input: InputFile, size: SizeSpec, settings: ResizeSettings) -> Bool {
        guard input.path != "-", let inputTime = modificationTime(input.path, regularOnly: true) else { return false }
        var target = OutputNamer.Target(fileExtension: "*", size: size.label)
        if let template = settings.nameTemplate, template.uses("width") || template.uses("height") {
            let options = settings.thumbnail(for: size)
            guard let head = try? FileIO.head(input.path, maxBytes: 1 << 20),
                let header = try? ImageDecoder.readHeader(head.bytes, name: input.path),
                let plan = try? ResizePlan.make(source: header.uprightSize, box: options.box, fit: options.fit, upscale: options.upscale)
            else { return false }
            target.width = String(plan.output.width)
            target.height = String(plan.output.height)
        }
        let format = settings.thumbnail.format
        let extensions = ResizeSettings.formatsByExtension.filter { format == .auto || $0.value == format }.keys.sorted()
        return extensions.contains { ext in
            target.fileExtension = ext
            let path = OutputNamer.outputPath(for: input, target: target, settings: settings)
            guard let outputTime = modificationTime(path, regularOnly: true) else { return false }
            return outputTime >= inputTime
        }
    }

    /// Seconds and nanoseconds since the epoch, following symlinks; nil when missing (or not a
    /// regular file when `regularOnly`).
    private static func modificationTime(_ path: String, regularOnly: Bool) -> Duration? {
        var status = stat()
        guard stat(path, &status) == 0, !regularOnly || (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return .seconds(status.st_mtim.tv_sec) + .nanoseconds(status.st_mtim.tv_nsec)
    }
}
