using System.Diagnostics;
using LoadTest.Tasks.Sources;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>Deterministic ways to damage a source file: truncate, garble, delete lines, unbalance brackets.</summary>
internal static class Corruptions
{
    public static IEnumerable<(string Kind, string Text)> Of(string text, int seed, int perKind)
    {
        var random = new Random(seed);
        for (var i = 0; i < perKind; i++)
        {
            var cut = random.Next(1, Math.Max(2, text.Length));
            yield return ("truncate", text[..cut]);

            var chars = text.ToCharArray();
            const string noise = "{}()[]<>'\"`/\\;:,.=@*#$!?\n";
            for (var j = 0; j < 1 + chars.Length / 40 && chars.Length > 0; j++)
            {
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            }

            yield return ("garble", new string(chars));

            var lines = text.Split('\n').ToList();
            for (var j = 0; j < 1 + lines.Count / 6 && lines.Count > 1; j++)
            {
                lines.RemoveAt(random.Next(lines.Count));
            }

            yield return ("delete-lines", string.Join('\n', lines));

            var at = random.Next(text.Length);
            yield return ("unbalance", text[..at] + "({[" + text[at..]);
        }
    }

    /// <summary>Copies a fixture folder to a fresh temporary folder.</summary>
    /// <summary>
    /// For each file (until <paramref name="budget"/> runs out) and each of its corruptions: damages that file in a fresh
    /// copy of <paramref name="source"/>, reads the copy, and yields the damaged path with the result. The copy is
    /// deleted once the caller moves on.
    /// </summary>
    public static IEnumerable<(string Kind, string DamagedFile, SourceReadResult Result)> ReadDamagedCopies(
        IApiSourceReader reader, string source, IReadOnlyList<string> files, Func<int, int> seedOf, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        for (var f = 0; f < files.Count && clock.Elapsed < budget; f++)
        {
            var original = File.ReadAllText(files[f]);
            foreach (var (kind, text) in Of(original, seedOf(f), perKind: 2))
            {
                var copy = CopyToTemp(source);
                try
                {
                    var damaged = Path.Combine(copy, Path.GetRelativePath(source, files[f]));
                    File.WriteAllText(damaged, text);
                    yield return (kind, damaged, reader.Read(copy));
                }
                finally
                {
                    Directory.Delete(copy, recursive: true);
                }
            }
        }
    }

    public static string CopyToTemp(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "lt-corrupt-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
