using System.Diagnostics;
using Xunit.Abstractions;
using LoadTest.Tasks.Sources.Express;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;
namespace LoadTest.Tasks.Tests.Sources.Express;
public sealed class PerfTmp(ITestOutputHelper output)
{
    [Fact]
    public void Phases()
    {
        var text = File.ReadAllText("/tmp/ltperf/src/routes/r5.ts");
        var t2 = File.ReadAllText("/tmp/ltperf/src/types/t5.ts");
        var app = File.ReadAllText("/tmp/ltperf/src/app.ts");
        foreach (var line in text.Split('\n'))
        {
            TsTokenizer.Tokenize(line);
            var sw0 = Stopwatch.StartNew();
            for (var k = 0; k < 200; k++) TsTokenizer.Tokenize(line);
            output.WriteLine($"{sw0.Elapsed.TotalMilliseconds,8:F2} {line}");
        }
        for (var i = 0; i < 2; i++)
        {
            var sw = Stopwatch.StartNew();
            for (var k = 0; k < 100; k++) TsTokenizer.Tokenize(text);
            var a = sw.Elapsed.TotalMilliseconds;
            for (var k = 0; k < 100; k++) TsTokenizer.Tokenize(t2);
            var b = sw.Elapsed.TotalMilliseconds;
            TsTokenizer.Tokenize(app);
            var c = sw.Elapsed.TotalMilliseconds;
            output.WriteLine($"router x100 {a:F1} types x100 {b - a:F1} app {c - b:F1} len {text.Length} {t2.Length} {app.Length}");
        }
    }
}
