using System.Text;
using Acornima.Ast;
using LoadTest.Tasks.Generation;
using LoadTest.Tests.Shared;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Checks generated k6 scripts with the real k6 (<see cref="K6Tool.Inspect"/>): each output is written to a folder of
/// its own, as the build writes it, and every script but the helper module is inspected. k6 starts in ~0.3 s, so
/// scripts are inspected in batches: one entry module imports a batch of scripts (parsing them and running their init
/// code), merges their scenarios and thresholds into its own options (so k6 validates them, exec functions included)
/// and fails when a canary ran. A failing batch is inspected script by script, so the failure names its script.
/// </summary>
internal static class GeneratedScripts
{
    /// <summary>The global that code injected by a hostile spec would set (the property test plants it in spec text).</summary>
    public const string Canary = "__canary";

    private const int BatchSize = 40;
    private const string LibPath = "lib/loadtest.js";

    /// <summary>Generous: a batch is one k6 process, and the machine may be busy with other builds.</summary>
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Asserts that real k6 accepts every script of every output and that no canary ran.</summary>
    public static void AssertInspected(params GenerationOutput[] outputs) =>
        AssertInspected(outputs.Select((o, i) => ($"output{i}", o)));

    public static void AssertInspected(IEnumerable<(string Label, GenerationOutput Output)> outputs)
    {
        var problems = Inspect(outputs, out var count);
        Assert.True(count > 0, "no k6 script was generated");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    /// <summary>k6's complaints (empty when every script passed); <paramref name="count"/> is the number of scripts inspected.</summary>
    public static IReadOnlyList<string> Inspect(IEnumerable<(string Label, GenerationOutput Output)> outputs, out int count)
    {
        var root = Directory.CreateTempSubdirectory("lt-k6-inspect-");
        try
        {
            // Babel (k6 v0.48 transpiles ES modules with it) spends ~2 s of CPU on each copy of the helper module, so
            // outputs whose helper module is the same share one copy: their import of it is pointed there.
            var libraries = new Dictionary<string, string>(StringComparer.Ordinal);
            var scripts = new List<(string Label, string Path, GeneratedFile File)>();
            var index = 0;
            foreach (var (label, output) in outputs)
            {
                var folder = Path.Combine(root.FullName, "o" + index++);
                var lib = output.Files.SingleOrDefault(f => f.RelativePath == LibPath);
                var libFolder = "";
                if (lib is not null && !libraries.TryGetValue(lib.Content, out libFolder))
                {
                    libFolder = "lib" + libraries.Count;
                    libraries[lib.Content] = libFolder;
                    Write(Path.Combine(root.FullName, libFolder, "loadtest.js"), lib.Content);
                }

                // Files a script opens at init (the data file's copy) sit beside it, as the build writes them.
                foreach (var file in output.Files.Where(f => f.Kind == GeneratedFileKind.Data))
                {
                    Write(Path.Combine(folder, file.RelativePath), file.Content);
                }

                foreach (var file in output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script && f.RelativePath != LibPath))
                {
                    var path = Path.Combine(folder, file.RelativePath);
                    var depth = file.RelativePath.Count(c => c == '/');
                    var shared = string.Concat(Enumerable.Repeat("../", depth + 1)) + libFolder + "/loadtest.js";
                    Write(path, file.Content.Replace("from './lib/loadtest.js';", $"from '{shared}';", StringComparison.Ordinal));
                    scripts.Add((label, path, file));
                }
            }

            count = scripts.Count;
            var problems = new List<string>();
            foreach (var batch in scripts.Chunk(BatchSize))
            {
                var entry = Path.Combine(root.FullName, $"batch-{Guid.NewGuid():N}.js");
                File.WriteAllText(entry, BatchEntry(root.FullName, batch.Select(s => (s.Path, s.File)).ToList()));
                if (K6Tool.Inspect(entry, timeout: BatchTimeout).Succeeded)
                {
                    continue;
                }

                // Which script? Inspect each on its own (through a wrapper that also watches the canary).
                var before = problems.Count;
                foreach (var (label, path, _) in batch)
                {
                    var single = Path.Combine(Path.GetDirectoryName(path)!, $"single-{Guid.NewGuid():N}.js");
                    File.WriteAllText(single, SingleEntry(Path.GetFileName(path)));
                    var result = K6Tool.Inspect(single, timeout: BatchTimeout);
                    if (!result.Succeeded)
                    {
                        problems.Add($"{label}: {Path.GetRelativePath(root.FullName, path)}: {result}");
                    }
                }

                if (problems.Count == before)
                {
                    problems.Add($"a batch of {batch.Length} scripts failed k6 inspect but each script passed alone: {K6Tool.Inspect(entry, timeout: BatchTimeout)}");
                }
            }

            return problems;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    private static string BatchEntry(string root, IReadOnlyList<(string Path, GeneratedFile File)> batch)
    {
        var text = new StringBuilder("// Inspects a batch of generated scripts at once: imports, merged options, canary.\n");
        for (var i = 0; i < batch.Count; i++)
        {
            var specifier = "./" + Path.GetRelativePath(root, batch[i].Path).Replace('\\', '/');
            var module = K6ScriptTests.Parse(batch[i].File.RelativePath, batch[i].File.Content);
            var functions = K6ScriptTests.Exports(module).Where(name => name is not ("options" or "handleSummary")).Select(name => $"{name} as m{i}_{name}");
            text.Append($"import * as m{i} from '{specifier}';\n");
            text.Append($"export {{ {string.Join(", ", functions.Append($"default as m{i}_default"))} }} from '{specifier}';\n");
        }

        text.Append($"const modules = [{string.Join(", ", Enumerable.Range(0, batch.Count).Select(i => "m" + i))}];\n");
        text.Append("""
            export const options = { scenarios: {}, thresholds: {} };
            modules.forEach((m, i) => {
              const own = m.options || {};
              for (const name of Object.keys(own.scenarios || {})) {
                options.scenarios['m' + i + '_' + name] = Object.assign({}, own.scenarios[name], { exec: 'm' + i + '_' + (own.scenarios[name].exec || 'default') });
              }
              Object.assign(options.thresholds, own.thresholds || {});
            });

            """);
        text.Append(CanaryCheck);
        text.Append("export default function () {}\n");
        return text.ToString();
    }

    private static string SingleEntry(string fileName) =>
        $"export * from './{fileName}';\nexport {{ default }} from './{fileName}';\n" + CanaryCheck;

    private const string CanaryCheck = $"if (globalThis.{Canary} !== undefined) {{ throw new Error('a canary from the spec ran in the init context: ' + globalThis.{Canary}); }}\n";

    /// <summary>
    /// Places in a script where spec text became code: an identifier named like the canary anywhere in the syntax tree
    /// (inside a string literal or a comment it is no identifier). Catches injections into function bodies too, which
    /// k6 inspect never runs.
    /// </summary>
    public static IReadOnlyList<string> InjectedCode(GeneratedFile script)
    {
        var module = K6ScriptTests.Parse(script.RelativePath, script.Content);
        return [.. module.DescendantNodesAndSelf().OfType<Identifier>().Where(i => i.Name.Contains(Canary, StringComparison.Ordinal))
            .Select(i => $"{script.RelativePath}({i.Location.Start.Line}): spec text became code: {Line(script.Content, i.Location.Start.Line)}")];
    }

    private static string Line(string text, int line)
    {
        var lines = text.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
    }
}
