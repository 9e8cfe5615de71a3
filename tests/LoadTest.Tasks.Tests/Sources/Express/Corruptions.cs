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
