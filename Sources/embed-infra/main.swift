// Build tool: writes a Swift file carrying infra/*.tf, so the thumbgen binary has its Terraform
// configuration (`thumbgen deploy` works from any directory) without Foundation's Bundle.
// Run by the EmbedInfraPlugin build plugin; never linked into thumbgen.
// Usage: embed-infra OUTPUT.swift INFRA_DIR
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-infra OUTPUT.swift INFRA_DIR\n".utf8))
    exit(2)
}
let infra = URL(fileURLWithPath: arguments[2])
let names = try FileManager.default.contentsOfDirectory(atPath: infra.path).filter { $0.hasSuffix(".tf") }.sorted()
var lines = [
    "// Generated at build time by the EmbedInfraPlugin from infra/*.tf.",
    "",
    "/// The stack's Terraform configuration, carried inside the binary (file name → content).",
    "package enum InfraFiles {",
    "    /// The `infra/*.tf` files as they were when the binary was built.",
    "    package static let files: [String: String] = [",
]
for name in names {
    let text = try String(contentsOf: infra.appendingPathComponent(name), encoding: .utf8)
    // A raw string delimiter longer than any run of # in the file keeps the text verbatim.
    var delimiter = "#"
    while text.contains("\"\"\"" + delimiter) { delimiter += "#" }
    lines.append("        \"\(name)\": \(delimiter)\"\"\"")
    lines.append(contentsOf: text.hasSuffix("\n") ? [String(text.dropLast())] : [text])
    lines.append("\"\"\"\(delimiter)\(text.hasSuffix("\n") ? " + \"\\n\"" : ""),")
}
lines += ["    ]", "}", ""]
try lines.joined(separator: "\n").write(toFile: arguments[1], atomically: true, encoding: .utf8)
