using System.Text;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Sources;
using LoadTest.Tasks.Sources.OpenApi;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>
/// Real inputs damaged in many ways (truncated, garbled, lines deleted, values of the wrong type): reading never throws
/// and gives either a model or an LT10xx error, and every finding names its file and a line. Variants that are invalid
/// by construction (<see cref="InvalidVariants"/>) are never accepted silently: each gets a finding.
/// Over the eight inputs: 20 damaged variants of each kind per input and up to 13 invalid ones, over 500 in all.
/// </summary>
public sealed partial class CorruptionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static int _variants;
    private static int _invalid;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] WrongValues =
    [
        "[1, 2]", "{ a: 1 }", "42", "true", "null", "'#/'", "{ $ref: '#/' }", "{ $ref: '#/nowhere' }", "{ $ref: 'missing.yaml#/X' }", "-",
    ];

    private static readonly string[] WrongJsonValues =
    [
        "[1, 2]", "{\"a\": 1}", "42", "true", "null", "\"#/\"", "{\"$ref\": \"#/\"}", "{\"$ref\": \"#/nowhere\"}", "{\"$ref\": \"missing.json#/X\"}", "\"\"",
    ];

    /// <summary>Inputs (and the folder to copy with each, for relative $refs): fixtures always, the shared public specs when present.</summary>
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>
        {
            { Fixture("operations-30.yaml"), Fixture("") },
            { Fixture("schemas-31.json"), Fixture("") },
            { Fixture("swagger-20.json"), Fixture("") },
            { Fixture("external/main.yaml"), Fixture("external") },
        };
        if (SharedSpecsRoot is not null)
        {
            data.Add(SharedSpec("openapi-3.0/petstore.yaml"), SharedSpec("openapi-3.0"));
            data.Add(SharedSpec("openapi-2.0/uber.json"), SharedSpec("openapi-2.0"));
            data.Add(SharedSpec("museum/openapi.yaml"), SharedSpec("museum"));
            data.Add(SharedSpec("openapi-2.0/petstore-separate/spec/swagger.yaml"), SharedSpec("openapi-2.0/petstore-separate"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Corrupted_variants_never_throw_and_always_explain_themselves(string input, string copyRoot)
    {
        // Variants are written beside a copy of the input (with the files its $refs reach) so shared/ stays untouched.
        var work = Path.Combine(Path.GetTempPath(), "lt-openapi-corrupt-" + Guid.NewGuid().ToString("N"));
        CopyFolder(copyRoot, work, depth: 0);
        var copy = Path.Combine(work, Path.GetRelativePath(copyRoot, input));
        if (!File.Exists(copy))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(input, copy);
        }
        try
        {
            var text = File.ReadAllText(input);
            var variants = Variants(text, Path.GetExtension(input) == ".json", seed: Path.GetFileName(input).Length * 7919).ToList();
            var invalid = InvalidVariants.Of(input, text).ToList();
            Assert.True(variants.Count >= 50);
            Assert.True(invalid.Count >= 9, $"only {invalid.Count} invalid variants of {input}");

            var index = 0;
            var silent = 0;
            foreach (var (name, content, mustReport) in variants.Select(v => (v.Name, v.Content, false)).Concat(invalid.Select(v => (v.Name, v.Content, true))))
            {
                var variantPath = Path.Combine(Path.GetDirectoryName(copy)!, $"variant{index++}{Path.GetExtension(input)}");
                File.WriteAllText(variantPath, content);
                var result = ReadWithin(variantPath, name, work);
                AssertExplained(result, name);
                if (mustReport)
                {
                    // Invalid by construction: never read without a word, and a finding in the variant itself says where.
                    Assert.True(result.Diagnostics.Any(d => d.Location.File == variantPath && d.Location.Line > 0), $"{name}: the invalid variant was read without a finding");
                }
                else if (result.Diagnostics.Count == 0)
                {
                    silent++;
                }

                File.Delete(variantPath);
            }

            Interlocked.Add(ref _variants, variants.Count + invalid.Count);
            Interlocked.Add(ref _invalid, invalid.Count);
            output.WriteLine($"{Path.GetFileName(input)}: {variants.Count} damaged variants ({silent} read without a finding: damage that left a valid document), {invalid.Count} invalid ones, each reported; {_variants} variants ({_invalid} invalid) so far");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_corruption_run_covers_at_least_500_variants()
    {
        var damaged = 0;
        var invalid = 0;
        foreach (var row in Inputs())
        {
            var input = (string)row[0];
            var text = File.ReadAllText(input);
            damaged += Variants(text, Path.GetExtension(input) == ".json", seed: Path.GetFileName(input).Length * 7919).Count();
            invalid += InvalidVariants.Of(input, text).Count();
        }

        output.WriteLine($"{damaged + invalid} variants: {damaged} damaged, {invalid} invalid by construction");
        Assert.True(damaged + invalid >= (SharedSpecsRoot is null ? 250 : 500), $"{damaged + invalid} variants");
        Assert.True(invalid >= (SharedSpecsRoot is null ? 40 : 90), $"{invalid} invalid variants");
    }

    private static SourceReadResult ReadWithin(string path, string variant, string project)
    {
        var reading = Task.Run(() => new OpenApiSourceReader(new ReferenceRoots(project)).Read(path));
        Assert.True(reading.Wait(ReadTimeout), $"{variant}: reading took longer than {ReadTimeout}");
        return reading.Result;
    }

    private static void AssertExplained(SourceReadResult result, string variant)
    {
        var context = $"{variant}: {string.Join(" | ", result.Diagnostics.Select(Describe))}";
        Assert.True(result.Model is not null || result.HasErrors, $"{context}: neither a model nor an error");
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.Matches(LtCode(), diagnostic.Code);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), context);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Location.File), context);
            if (diagnostic.Code is not (OpenApiDiagnosticCodes.FileNotFound or OpenApiDiagnosticCodes.FileUnreadable))
            {
                Assert.True(diagnostic.Location.Line > 0, $"{context}: {diagnostic.Code} has no line");
            }
        }

    }

    private static IEnumerable<(string Name, string Content)> Variants(string text, bool json, int seed)
    {
        var random = new Random(seed);
        for (var i = 1; i <= 12; i++)
        {
            var at = text.Length * i / 13;
            yield return ($"truncated at {at}", text[..at]);
        }

        const string garbage = "{}[]:'\"-#&*!|>\t\0\u00ff%@`";
        for (var i = 0; i < 12; i++)
        {
            var chars = text.ToCharArray();
            var flips = 1 + random.Next(5);
            for (var f = 0; f < flips; f++)
            {
                chars[random.Next(chars.Length)] = garbage[random.Next(garbage.Length)];
            }

            yield return ($"garbled ({flips} chars)", new string(chars));
        }

        var lines = text.Split('\n');
        for (var i = 0; i < 12; i++)
        {
            var start = random.Next(lines.Length);
            var count = i < 9 ? 1 : 5;
            var kept = lines.Take(start).Concat(lines.Skip(start + count));
            yield return ($"deleted lines {start + 1}..{start + count}", string.Join('\n', kept));
        }

        var valueLines = Enumerable.Range(0, lines.Length).Where(i => KeyValueLine().IsMatch(lines[i])).ToList();
        var values = json ? WrongJsonValues : WrongValues;
        for (var i = 0; i < 20 && valueLines.Count > 0; i++)
        {
            var lineIndex = valueLines[random.Next(valueLines.Count)];
            var match = KeyValueLine().Match(lines[lineIndex]);
            var value = values[i % values.Length];
            var trailingComma = json && match.Groups["value"].Value.TrimEnd().EndsWith(',') ? "," : "";
            var changed = (string[])lines.Clone();
            changed[lineIndex] = match.Groups["key"].Value + value + trailingComma;
            yield return ($"line {lineIndex + 1} value swapped for {value}", string.Join('\n', changed));
        }

        yield return ("empty", "");
        yield return ("binary", Encoding.Latin1.GetString([0x00, 0xff, 0xfe, 0x01, 0x7f, 0x80, 0x81]));
    }

    private static void CopyFolder(string from, string to, int depth)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        if (depth < 3)
        {
            foreach (var folder in Directory.GetDirectories(from))
            {
                CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)), depth + 1);
            }
        }
    }

    [GeneratedRegex(@"^LT10\d\d$")]
    private static partial Regex LtCode();

    [GeneratedRegex(@"^(?<key>\s*-?\s*""?[\w$./{}~-]+""?\s*:\s+)(?<value>\S.*)$")]
    private static partial Regex KeyValueLine();
}
