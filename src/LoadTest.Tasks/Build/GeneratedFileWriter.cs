using System.Text;
using LoadTest.Tasks.Generation;

namespace LoadTest.Tasks.Build;

/// <summary>What the writer did: every path it owns now, and how many it actually rewrote.</summary>
internal sealed record WriteOutcome(IReadOnlyList<string> All, int Rewritten);

/// <summary>
/// Writes generated files where they belong, only when their content changed (so unchanged inputs leave
/// timestamps alone and nothing recompiles), and deletes files listed in the previous manifest that are no longer generated.
/// </summary>
internal static class GeneratedFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static WriteOutcome Write(IReadOnlyList<GeneratedFile> files, string scriptsDirectory, string generatedDirectory, string manifestFile)
    {
        var paths = new List<string>();
        var rewritten = 0;
        foreach (var file in files)
        {
            var root = Path.GetFullPath(file.Kind == GeneratedFileKind.CSharp ? generatedDirectory : scriptsDirectory);
            var path = Path.GetFullPath(Path.Combine(root, file.RelativePath));
            if (!path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                // Generated names are sanitised; this is the last guard that no name writes outside its folder.
                throw new InvalidOperationException($"generated file '{file.RelativePath}' would be written outside {root}");
            }

            paths.Add(path);
            if (WriteIfChanged(path, file.Content))
            {
                rewritten++;
            }
        }

        foreach (var stale in ReadManifest(manifestFile).Except(paths, StringComparer.Ordinal))
        {
            if (File.Exists(stale)) File.Delete(stale);
        }
        WriteIfChanged(manifestFile, string.Join('\n', paths.Order(StringComparer.Ordinal)) + "\n");
        return new WriteOutcome(paths, rewritten);
    }

    public static IReadOnlyList<string> ReadManifest(string manifestFile) =>
        File.Exists(manifestFile)
            ? File.ReadAllLines(manifestFile).Where(l => l.Length > 0).ToList()
            : [];

    private static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8NoBom);
        return true;
    }
}
