using System.Text;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests.Baselines;

/// <summary>The comparer reads what the engine's own SummaryWriter writes (not only hand-written JSON).</summary>
public sealed class EngineSummaryShapeTests
{
    private static string EngineSummary(double createP95)
    {
        static KeyValuePair<string, double> V(string name, double value) => new(name, value);
        static IReadOnlyList<KeyValuePair<string, double>> Trend(double p95) =>
            [V("avg", p95 / 2), V("min", 1), V("med", p95 / 2), V("max", p95 * 2), V("p(90)", p95 * 0.9), V("p(95)", p95), V("p(99)", p95 * 1.4)];
        var threshold = new ThresholdOutcome("http_req_duration{name:POST /api/orders/create}", "p(95)<800", true, createP95) { Aggregation = "p(95)", IsTime = true };
        var summary = new EndOfRunSummary("checkout", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(30),
            ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"],
            [
                new MetricSummary("http_req_duration", MetricKind.Trend, "time", Trend(createP95), []),
                new MetricSummary("http_req_duration{name:POST /api/orders/create}", MetricKind.Trend, "time", Trend(createP95), [threshold]),
                new MetricSummary("http_reqs", MetricKind.Counter, "default", [V("count", 3000), V("rate", 100)], []),
                new MetricSummary("http_req_failed", MetricKind.Rate, "default", [V("rate", 0.001), V("passes", 3), V("fails", 2997)], []),
            ],
            [], [], false, null);
        return Encoding.UTF8.GetString(SummaryWriter.Summary(summary));
    }

    [Fact]
    public void Engine_summary_json_is_compared_per_operation_and_globally()
    {
        var same = BaselineComparer.Compare(EngineSummary(180), EngineSummary(180));
        var slower = BaselineComparer.Compare(EngineSummary(180), EngineSummary(243));

        Assert.True(same.Passed);
        Assert.Contains(same.Checks, c => c.Operation == "POST /api/orders/create" && c.Metric == "p95");
        Assert.Contains(same.Checks, c => c.Operation == SummarySnapshot.AllRequests && c.Metric == "throughput" && c.Baseline == 100);
        Assert.Contains(slower.Regressions, r => r.Message.StartsWith("p95 +35% on POST /api/orders/create (180 → 243 ms", StringComparison.Ordinal));
    }
}
