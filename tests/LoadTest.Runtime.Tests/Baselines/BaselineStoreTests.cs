using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests.Baselines;

public sealed class BaselineStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loadtest-baseline-tests", Guid.NewGuid().ToString("N"));

    public BaselineStoreTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private string Results(string run, string summaryJson)
    {
        var folder = Path.Combine(_root, "loadtest-results", run);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, SummaryWriter.SummaryFileName), summaryJson);
        return folder;
    }

    private static Op[] Ops(double p95) => [new("POST /api/orders/create", p95, 260, 90, 3000), new("GET /api/products", 40, 70, 20, 9000)];

    [Fact]
    public void Resolve_uses_the_repository_default_then_a_file_or_folder_from_LOADTEST_BASELINE()
    {
        Assert.Equal(Path.Combine(_root, "loadtest-baseline", "ci.summary.json"), BaselineStore.Resolve("ci", _root, Env()));
        Assert.Equal(Path.Combine(_root, "perf", "main.json"), BaselineStore.Resolve("ci", _root, Env(("LOADTEST_BASELINE", "perf/main.json"))));
        Assert.Equal(Path.Combine(_root, "perf", "ci.summary.json"), BaselineStore.Resolve("ci", _root, Env(("LOADTEST_BASELINE", Path.Combine(_root, "perf")))));
    }

    [Fact]
    public void Gate_without_a_baseline_passes_with_LT4073_and_update_then_creates_it()
    {
        var results = Results("checkout", SummaryJson.Of(Ops(180)));

        var missing = BaselineGate.Run(results, "checkout", _root, Env());
        Assert.True(missing.Passed);
        Assert.Null(missing.Comparison);
        Assert.StartsWith("LT4073:", missing.Message);

        var updated = BaselineGate.Run(results, "checkout", _root, Env(("LOADTEST_UPDATE_BASELINE", "1")));
        Assert.True(updated.Updated);
        Assert.Equal(Path.Combine(_root, "loadtest-baseline", "checkout.summary.json"), updated.BaselinePath);
        Assert.True(File.Exists(updated.BaselinePath));
    }

    [Fact]
    public void Gate_compares_the_run_with_the_stored_baseline()
    {
        var baselineRun = Results("checkout", SummaryJson.Of(Ops(180)));
        var written = BaselineStore.Update(baselineRun, Path.Combine(_root, "loadtest-baseline"));
        Assert.Equal(Path.Combine(_root, "loadtest-baseline", "checkout.summary.json"), written);

        var slower = Results("checkout", SummaryJson.Of(Ops(243)));
        var gate = BaselineGate.Run(slower, "checkout", _root, Env());

        Assert.False(gate.Passed);
        Assert.Contains(gate.Comparison!.Regressions, r => r.Message.StartsWith("p95 +35% on POST /api/orders/create", StringComparison.Ordinal));
        var lines = gate.FailureLines();
        Assert.Contains(lines, l => l.StartsWith("LT4072: p95 +35% on POST /api/orders/create", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("LOADTEST_UPDATE_BASELINE=1"));
        var unchanged = Results("checkout", SummaryJson.Of(Ops(180)));
        Assert.Equal(180, SummarySnapshotReader.Read(BaselineStore.LoadCurrent(unchanged)).Global.P95Ms);
        Assert.Equal(180, SummarySnapshotReader.Read(File.ReadAllText(written)).Global.P95Ms);
        Assert.Empty(BaselineGate.Run(unchanged, "checkout", _root, Env()).FailureLines());
    }

    [Fact]
    public void Gate_with_a_corrupt_baseline_fails_with_LT4071()
    {
        var results = Results("checkout", SummaryJson.Of(Ops(180)));
        var baseline = Path.Combine(_root, "loadtest-baseline", "checkout.summary.json");
        Directory.CreateDirectory(Path.GetDirectoryName(baseline)!);
        File.WriteAllText(baseline, "{ truncated");

        var gate = BaselineGate.Run(results, "checkout", _root, Env());

        Assert.False(gate.Passed);
        Assert.StartsWith("LT4071:", gate.Message);
        Assert.Contains(baseline, gate.Message);
        Assert.Equal([gate.Message], gate.FailureLines());

        var publication = LoadTest.Runtime.CiOutputs.CiPublication.From(new RunResult { PlanName = "checkout", ResultsDirectory = results, ThresholdsPassed = true }, gate);
        Assert.False(publication.Passed);
        var failure = LoadTest.Runtime.CiOutputs.JUnitReport.Build(publication).Descendants("failure").Single();
        Assert.StartsWith("LT4071:", (string)failure.Attribute("message")!);
    }

    [Fact]
    public void Per_operation_counts_and_errors_come_from_the_time_series_when_the_summary_lacks_them()
    {
        static SeriesWindow Window(string name, long requests, long failed)
        {
            var histogram = new LatencyHistogram();
            histogram.RecordMilliseconds(12);
            return new SeriesWindow(name, "GET", requests, failed, histogram);
        }
        var start = DateTimeOffset.UnixEpoch;
        var series = new RunTimeSeries(start,
            [
                new TimeWindow(start, 1, 1, 1, 1, 0, null, [Window("GET /api/products", 300, 3), Window("GET /api/cart", 20, 0)]),
                new TimeWindow(start.AddSeconds(1), 1, 1, 1, 1, 0, null, [Window("GET /api/products", 200, 2)]),
            ], []);

        var enriched = SummaryEnricher.AddOperationCounts(SummaryJson.LatencyOnly(Ops(180)), series);
        var snapshot = SummarySnapshotReader.Read(enriched);

        var products = snapshot.Operations["GET /api/products"];
        Assert.Equal(500, products.Requests);
        Assert.Equal(0.01, products.ErrorRate!.Value, 6);
        Assert.Equal(500 / SummaryJson.Seconds, products.Throughput!.Value, 3);
        Assert.Equal(40, products.P95Ms);
        Assert.Equal(20, snapshot.Operations["GET /api/cart"].Requests);
    }
}
