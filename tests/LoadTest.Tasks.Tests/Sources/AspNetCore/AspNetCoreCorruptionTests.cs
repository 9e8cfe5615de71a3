using LoadTest.Tasks.Sources.AspNetCore;
using LoadTest.Tasks.Tests.Sources.Express;

namespace LoadTest.Tasks.Tests.Sources.AspNetCore;

/// <summary>Damaged C# never throws out of the reader; what is reported carries a file and a line.</summary>
public sealed class AspNetCoreCorruptionTests
{
    [Theory]
    [InlineData("shop-minimal")]
    [InlineData("controllers")]
    [InlineData("minimal-patterns")]
    public void Corrupted_fixtures_never_throw_and_report_located_diagnostics(string fixture)
    {
        var source = AspNetCoreReaderTests.PathOf(fixture);
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var variants = 0;
        var syntaxReported = 0;
        foreach (var (kind, damaged, result) in Corruptions.ReadDamagedCopies(
            new AspNetCoreSourceReader(), source, files, f => f * 104729 + fixture.Length, TimeSpan.FromSeconds(20)))
        {
            variants++;
            Assert.DoesNotContain(result.Diagnostics, d => d.Code == "LT1299");
            Assert.All(result.Diagnostics, d =>
            {
                Assert.Matches("^LT12[0-9]{2}$", d.Code);
                Assert.False(string.IsNullOrEmpty(d.Location.File));
                // findings about the whole project (no endpoints at all) point at the folder
                Assert.True(d.Location.Line >= 1 || Directory.Exists(d.Location.File), $"{d.Code} without a line: {d.Message} ({d.Location})");
            });

            if (kind == "unbalance" && result.Diagnostics.Any(d => d.Code == "LT1210" && Path.GetFullPath(d.Location.File) == Path.GetFullPath(damaged)))
            {
                syntaxReported++;
            }
        }

        Assert.True(variants >= 8, $"only {variants} variants ran");
        Assert.True(syntaxReported > 0, "no unbalanced file was reported as a syntax error");
    }
}
