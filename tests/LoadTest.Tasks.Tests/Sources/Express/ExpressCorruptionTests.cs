using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>Damaged apps never throw; what is reported carries a file and a line.</summary>
public sealed class ExpressCorruptionTests
{
    [Theory]
    [InlineData("shop-ts/src")]
    [InlineData("commonjs-js")]
    [InlineData("zod/src")]
    [InlineData("joi-celebrate")]
    [InlineData("class-validator/src")]
    [InlineData("paths/src")]
    [InlineData("types-advanced/src")]
    [InlineData("express-validator")]
    public void Corrupted_fixtures_never_throw_and_report_located_diagnostics(string fixture)
    {
        var source = ExpressFixtures.PathOf(fixture);
        var files = Directory.GetFiles(source, "*.*s", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var variants = 0;
        var locatedInDamagedFile = 0;
        var unbalanced = 0;
        var unbalancedReported = 0;
        foreach (var (kind, damaged, result) in Corruptions.ReadDamagedCopies(
            new ExpressSourceReader(), source, files, f => f * 7919 + fixture.Length, TimeSpan.FromSeconds(20)))
        {
            variants++;

            Assert.DoesNotContain(result.Diagnostics, d => d.Code == "LT1199");
            Assert.All(result.Diagnostics, d =>
            {
                Assert.Matches("^LT11[0-9]{2}$", d.Code);
                Assert.False(string.IsNullOrEmpty(d.Location.File));
                Assert.True(d.Location.Line >= 1 || Directory.Exists(d.Location.File), $"{d.Code} without a line: {d.Message}");
            });

            var damagedReports = result.Diagnostics.Where(d => Path.GetFullPath(d.Location.File) == Path.GetFullPath(damaged)).ToList();
            locatedInDamagedFile += damagedReports.Count > 0 ? 1 : 0;
            if (kind == "unbalance")
            {
                unbalanced++;
                unbalancedReported += damagedReports.Any(d => d.Code == "LT1110") ? 1 : 0;
            }
        }

        Assert.True(variants >= 8, $"only {variants} variants ran");
        // An opener inserted outside a string or comment is always reported; one landing inside a literal is not damage.
        Assert.True(unbalancedReported * 2 >= unbalanced, $"{unbalancedReported} of {unbalanced} unbalanced files reported");
        Assert.True(locatedInDamagedFile > 0);
    }

    [Fact]
    public void Random_text_parses_without_exceptions()
    {
        var random = new Random(20261128);
        const string alphabet = "abcxyz019 _$.,;:(){}[]<>'\"`/\\*+-=!?&|@#\n\tconst function class interface type import export from router.get app.use z.object ";
        for (var i = 0; i < 400; i++)
        {
            var chars = new char[random.Next(0, 400)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var syntax = TsParser.ParseModule("fuzz.ts", new string(chars));
            Assert.NotNull(syntax.Statements);
        }
    }

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        var deep = "const x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + ";\n" +
                   "type T = " + string.Concat(Enumerable.Repeat("Array<", 5_000)) + "string" + new string('>', 5_000) + ";\n" +
                   "const o = " + string.Concat(Enumerable.Repeat("{a:", 5_000)) + "1" + new string('}', 5_000) + ";";
        var syntax = TsParser.ParseModule("deep.ts", deep);
        Assert.NotEmpty(syntax.Statements);
    }

    [Fact]
    public void A_very_long_concatenated_path_is_reported_not_overflowed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lt-long-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = string.Join(" + ", Enumerable.Repeat("'/a'", 50_000));
            File.WriteAllText(Path.Combine(folder, "app.ts"), $"import express from 'express';\nconst app = express();\napp.get({path}, (req, res) => res.json({{}}));\napp.get('/ok', (req, res) => res.json({{}}));\n");
            var result = new ExpressSourceReader().Read(folder);
            Assert.Equal("GET /ok", Assert.Single(result.Model!.Operations).DisplayName);
            Assert.Equal(("LT1101", 3), (Assert.Single(result.Diagnostics).Code, result.Diagnostics[0].Location.Line));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
