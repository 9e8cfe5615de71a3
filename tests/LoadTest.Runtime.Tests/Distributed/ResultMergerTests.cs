using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests.Distributed;

public sealed class ResultMergerTests : IDisposable
{
    private static readonly DateTimeOffset Base = new(2026, 1, 1, 12, 0, 0, 200, TimeSpan.Zero);
    private static readonly string[] Endpoints = ["GET /items", "POST /orders"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lt-merge-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>The samples an instance "measured", kept exactly so the test can compare the merge with the truth.</summary>
    private sealed record Sample(DateTimeOffset Time, string Name, double Milliseconds, bool Failed);

    private static List<Sample> Samples(int seed, DateTimeOffset start, int seconds, double slowness, double failureRate)
    {
        var random = new Random(seed);
        var samples = new List<Sample>();
        for (var second = 0; second < seconds; second++)
        {
            var requests = random.Next(20, 60);
            for (var r = 0; r < requests; r++)
            {
                // A long-tailed latency, whole microseconds, as the engine records them.
                var ms = Math.Round(slowness * (5 + 40 * Math.Pow(random.NextDouble(), 4) + random.NextDouble() * 3), 3);
                samples.Add(new Sample(start.AddSeconds(second + random.NextDouble() * 0.99), Endpoints[r % 2], ms, random.NextDouble() < failureRate));
            }
        }
        return samples;
    }

    private string WriteNativeInstance(string name, DateTimeOffset start, List<Sample> samples, int vus)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        var windows = samples
            .GroupBy(s => (int)Math.Floor((s.Time - start).TotalSeconds))
            .OrderBy(g => g.Key)
            .Select(g => new TimeWindow(start.AddSeconds(g.Key), 1, vus, vus, g.Count() / 2, 0, 0.2,
                g.GroupBy(s => s.Name).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x =>
                {
                    var histogram = new LatencyHistogram();
                    foreach (var s in x) histogram.RecordMilliseconds(s.Milliseconds);
                    return new SeriesWindow(x.Key, x.Key.Split(' ')[0], x.Count(), x.Count(s => s.Failed), histogram);
                }).ToArray()))
            .ToArray();
        var stages = new[] { new StageMark("load", 0, "Sustain", start, start.AddSeconds(10), vus, null) };
        using (var stream = File.Create(Path.Combine(dir, TimeSeriesFile.FileName)))
        {
            TimeSeriesFile.Write(new RunTimeSeries(start, windows, stages), stream);
        }

        var values = samples.Select(s => s.Milliseconds).ToArray();
        var failed = samples.Count(s => s.Failed);
        var rate = (double)failed / samples.Count;
        var p95 = Exact(values, 95);
        var summary = new EndOfRunSummary("shop", start, TimeSpan.FromSeconds(10), ["avg", "min", "med", "max", "p(90)", "p(95)"],
        [
            new MetricSummary("http_reqs", MetricKind.Counter, "default", [new("count", samples.Count), new("rate", samples.Count / 10.0)], []),
            new MetricSummary("http_req_failed", MetricKind.Rate, "default", [new("rate", rate), new("passes", failed), new("fails", samples.Count - failed)],
                [new ThresholdOutcome("http_req_failed", "rate<0.05", rate < 0.05, rate)]),
            new MetricSummary("http_req_duration", MetricKind.Trend, "time",
            [
                new("avg", values.Average()), new("min", values.Min()), new("med", Exact(values, 50)), new("max", values.Max()),
                new("p(90)", Exact(values, 90)), new("p(95)", p95),
            ], [new ThresholdOutcome("http_req_duration", "p(95)<40", p95 < 40, p95)]),
            new MetricSummary("vus", MetricKind.Gauge, "default", [new("value", vus), new("min", 0), new("max", vus)], []),
        ],
        [new CheckSummary("", "status is 2xx", samples.Count - failed, failed)], [], false, null);
        SummaryWriter.WriteAll(summary, dir);
        return dir;
    }

    private string WriteK6Instance(string name, List<Sample> samples)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        using var writer = new StreamWriter(Path.Combine(dir, "k6-out.json"));
        writer.WriteLine("""{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"http_req_duration"}""");
        foreach (var s in samples)
        {
            var time = s.Time.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
            var tags = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = s.Name, ["method"] = s.Name.Split(' ')[0] });
            writer.WriteLine($$"""{"type":"Point","data":{"time":"{{time}}","value":{{s.Milliseconds.ToString(CultureInfo.InvariantCulture)}},"tags":{{tags}}},"metric":"http_req_duration"}""");
            writer.WriteLine($$"""{"type":"Point","data":{"time":"{{time}}","value":{{(s.Failed ? 1 : 0)}},"tags":{{tags}}},"metric":"http_req_failed"}""");
        }
        return dir;
    }

    // k6's percentile: PERCENTILE.INC over the sorted samples.
    private static double Exact(IEnumerable<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var position = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static double Value(MergedSummary merged, string metric, string name) =>
        merged.Summary.Metrics.Single(m => m.Key == metric).Values.Single(v => v.Key == name).Value;

    private static void AssertPercentile(double exact, double actual) =>
        Assert.InRange(actual, exact - exact * LatencyHistogram.RelativeErrorBound - 0.0005, exact + exact * LatencyHistogram.RelativeErrorBound + 0.0005);

    [Fact]
    public void Three_native_instances_merge_to_exact_counts_and_percentiles()
    {
        var instances = new[]
        {
            Samples(1, Base, 10, 1.0, 0.0),
            Samples(2, Base.AddMilliseconds(300), 10, 1.2, 0.08),
            Samples(3, Base.AddMilliseconds(700), 10, 0.9, 0.01),
        };
        var dirs = instances.Select((s, i) => WriteNativeInstance($"i{i}", Base.AddMilliseconds(new[] { 0, 300, 700 }[i]), s, 10 + i)).ToArray();
        var all = instances.SelectMany(s => s).ToArray();
        var output = Path.Combine(_root, "merged");

        var result = ResultMerger.Merge(dirs, output);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Instances);
        var merged = result.Summary!;
        Assert.Equal(all.Length, Value(merged, "http_reqs", "count"));
        Assert.Equal((double)all.Count(s => s.Failed) / all.Length, Value(merged, "http_req_failed", "rate"), 12);
        Assert.Equal(33, Value(merged, "vus", "value"));
        Assert.Equal(all.Average(s => s.Milliseconds), Value(merged, "http_req_duration", "avg"), 6);
        Assert.Equal(all.Min(s => s.Milliseconds), Value(merged, "http_req_duration", "min"));
        Assert.Equal(all.Max(s => s.Milliseconds), Value(merged, "http_req_duration", "max"));
        foreach (var p in new[] { 50.0, 90, 95 })
        {
            AssertPercentile(Exact(all.Select(s => s.Milliseconds), p), Value(merged, "http_req_duration", p == 50 ? "med" : $"p({p})"));
        }
        Assert.Empty(merged.Approximated);
        var check = Assert.Single(merged.Summary.Checks);
        Assert.Equal(all.Count(s => !s.Failed), check.Passes);

        // Windows line up on wall-clock seconds; every request is in exactly one merged window.
        var series = result.Series!;
        // (instances started at .2, .5 and .9 s of the same second, so their k-th windows share a second.)
        Assert.Equal(10, series.Windows.Count);
        Assert.All(series.Windows, w => Assert.Equal(0, w.Start.Millisecond));
        Assert.Equal(all.Length, series.Windows.Sum(w => w.Series.Sum(s => s.Requests)));
        var offsets = new[] { 0, 300, 700 };
        var third = instances.Select((samples, i) => samples.Count(s => (int)Math.Floor((s.Time - Base.AddMilliseconds(offsets[i])).TotalSeconds) == 3)).Sum();
        Assert.Equal(third, series.Windows.Single(w => w.Start == new DateTimeOffset(2026, 1, 1, 12, 0, 3, TimeSpan.Zero)).Series.Sum(s => s.Requests));
        Assert.Equal(33, Assert.Single(series.Stages).TargetVus);

        // The merged folder reads back as one run.
        var reread = TimeSeriesFile.Read(Path.Combine(output, TimeSeriesFile.FileName));
        Assert.Equal(all.Length, reread.Windows.Sum(w => w.Series.Sum(s => s.Requests)));
        Assert.True(File.Exists(Path.Combine(output, SummaryWriter.SummaryFileName)));
        var written = InstanceSummary.Parse(File.ReadAllText(Path.Combine(output, SummaryWriter.SummaryFileName)));
        Assert.Equal(["rate<0.05"], written.Metrics.Single(m => m.Key == "http_req_failed").Thresholds);
        Assert.Equal(all.Length, written.Metrics.Single(m => m.Key == "http_reqs").Values["count"]);
    }

    [Fact]
    public void Thresholds_are_judged_on_the_merged_data_not_per_instance()
    {
        // Instance 1 alone breaks rate<0.05 (8% errors); all three together stay under 5%.
        var instances = new[]
        {
            Samples(11, Base, 10, 1.0, 0.0),
            Samples(12, Base, 10, 1.0, 0.08),
            Samples(13, Base, 10, 1.0, 0.0),
        };
        var dirs = instances.Select((s, i) => WriteNativeInstance($"t{i}", Base, s, 5)).ToArray();
        var instanceRate = (double)instances[1].Count(s => s.Failed) / instances[1].Count;
        var mergedRate = (double)instances.SelectMany(s => s).Count(s => s.Failed) / instances.Sum(s => s.Count);
        Assert.True(instanceRate >= 0.05 && mergedRate < 0.05, $"test data must straddle the threshold ({instanceRate}, {mergedRate})");

        var result = ResultMerger.Merge(dirs, Path.Combine(_root, "merged"));

        var threshold = result.Thresholds.Single(t => t.Metric == "http_req_failed");
        Assert.True(threshold.Passed);
        Assert.Equal(mergedRate, threshold.Observed!.Value, 12);
        var p95 = result.Thresholds.Single(t => t.Metric == "http_req_duration");
        Assert.Equal(p95.Observed < 40, p95.Passed);
        AssertPercentile(Exact(instances.SelectMany(s => s).Select(s => s.Milliseconds), 95), p95.Observed!.Value);
    }

    /// <summary>What a k6-operator runner leaves: --out json NDJSON and the legacy --summary-export (flat values, no types).</summary>
    private string WriteK6RunnerInstance(string name, List<Sample> samples)
    {
        var dir = WriteK6Instance(name, samples);
        var failed = samples.Count(s => s.Failed);
        var items = samples.Where(s => s.Name == "GET /items").Select(s => s.Milliseconds).ToArray();
        var rate = (double)failed / samples.Count;
        JsonObject Trend(double[] values) => new()
        {
            ["avg"] = values.Average(), ["min"] = values.Min(), ["med"] = Exact(values, 50), ["max"] = values.Max(),
            ["p(90)"] = Exact(values, 90), ["p(95)"] = Exact(values, 95),
        };
        var itemsTrend = Trend(items);
        itemsTrend["thresholds"] = new JsonObject { ["p(95)<40"] = Exact(items, 95) >= 40 };
        var export = new JsonObject
        {
            ["root_group"] = new JsonObject
            {
                ["name"] = "", ["path"] = "", ["id"] = "d41d8", ["groups"] = new JsonObject(),
                ["checks"] = new JsonObject
                {
                    ["status is 2xx"] = new JsonObject { ["name"] = "status is 2xx", ["path"] = "::status is 2xx", ["id"] = "a1", ["passes"] = samples.Count - failed, ["fails"] = failed },
                },
            },
            ["metrics"] = new JsonObject
            {
                ["http_reqs"] = new JsonObject { ["count"] = samples.Count, ["rate"] = samples.Count / 10.0 },
                ["http_req_failed"] = new JsonObject
                {
                    ["passes"] = failed, ["fails"] = samples.Count - failed, ["value"] = rate, ["thresholds"] = new JsonObject { ["rate<0.05"] = rate >= 0.05 },
                },
                ["http_req_duration"] = Trend([.. samples.Select(s => s.Milliseconds)]),
                ["http_req_duration{name:GET /items}"] = itemsTrend,
                ["checks"] = new JsonObject
                {
                    ["passes"] = samples.Count - failed, ["fails"] = failed, ["value"] = 1 - rate, ["thresholds"] = new JsonObject { ["rate>0.95"] = false },
                },
                ["vus"] = new JsonObject { ["value"] = 4, ["min"] = 0, ["max"] = 4 },
            },
        };
        File.WriteAllText(Path.Combine(dir, "summary-export.json"), export.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return dir;
    }

    [Fact]
    public void K6_operator_runners_thresholds_come_from_their_summary_export_and_are_judged_on_the_merge()
    {
        // Runner 1 alone breaks rate<0.05 (8% errors); the three runners together meet it.
        var runners = new[] { Samples(31, Base, 10, 1.0, 0.0), Samples(32, Base.AddMilliseconds(200), 10, 1.0, 0.08), Samples(33, Base.AddMilliseconds(400), 10, 1.0, 0.0) };
        var dirs = runners.Select((r, i) => WriteK6RunnerInstance($"runner-{i}", r)).ToArray();
        var all = runners.SelectMany(r => r).ToArray();
        var mergedRate = (double)all.Count(s => s.Failed) / all.Length;
        var runnerRate = (double)runners[1].Count(s => s.Failed) / runners[1].Count;
        Assert.True(runnerRate >= 0.05 && mergedRate < 0.05, $"test data must straddle the threshold ({runnerRate}, {mergedRate})");

        var result = ResultMerger.Merge(dirs, Path.Combine(_root, "merged"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Analysis.DiagnosticSeverity.Error);
        var failedRate = result.Thresholds.Single(t => t.Metric == "http_req_failed");
        Assert.Equal("rate<0.05", failedRate.Expression);
        Assert.True(failedRate.Passed);
        Assert.Equal(mergedRate, failedRate.Observed!.Value, 12);
        var checks = result.Thresholds.Single(t => t.Metric == "checks");
        Assert.Equal(1 - mergedRate, checks.Observed!.Value, 12);
        Assert.Equal(1 - mergedRate > 0.95, checks.Passed);
        // The sub-metric's p(95) is the merged histograms', not either runner's.
        var items = result.Thresholds.Single(t => t.Metric == "http_req_duration{name:GET /items}");
        AssertPercentile(Exact(all.Where(s => s.Name == "GET /items").Select(s => s.Milliseconds), 95), items.Observed!.Value);
        Assert.Equal(items.Observed < 40, items.Passed);
        // The export has no duration: the rate comes from the runners' time series.
        Assert.Equal(all.Length, Value(result.Summary!, "http_reqs", "count"));
        Assert.InRange(Value(result.Summary!, "http_reqs", "rate"), all.Length / 11.0, all.Length / 9.0);
        Assert.Equal(all.Length, result.Summary!.Summary.Checks.Sum(c => c.Passes + c.Fails));
    }

    [Fact]
    public void A_k6_instance_merges_with_native_ones()
    {
        var native = Samples(21, Base, 10, 1.0, 0.02);
        var k6 = Samples(22, Base.AddMilliseconds(500), 10, 1.5, 0.1);
        var dirs = new[] { WriteNativeInstance("native", Base, native, 4), WriteK6Instance("k6", k6) };

        var result = ResultMerger.Merge(dirs, Path.Combine(_root, "merged"));

        var all = native.Concat(k6).ToArray();
        Assert.Equal(all.Length, Value(result.Summary!, "http_reqs", "count"));
        Assert.Equal((double)all.Count(s => s.Failed) / all.Length, Value(result.Summary!, "http_req_failed", "rate"), 12);
        AssertPercentile(Exact(all.Select(s => s.Milliseconds), 95), Value(result.Summary!, "http_req_duration", "p(95)"));
        Assert.Equal(all.Count(s => s.Failed), result.Series!.Windows.Sum(w => w.Series.Sum(s => s.Failed)));
    }

    [Fact]
    public void Missing_and_broken_instances_give_diagnostics_not_exceptions()
    {
        var good = WriteNativeInstance("good", Base, Samples(31, Base, 3, 1.0, 0), 2);
        var broken = Path.Combine(_root, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, SummaryWriter.SummaryFileName), "{ not json");

        var result = ResultMerger.Merge([good, Path.Combine(_root, "missing"), broken], Path.Combine(_root, "merged"));

        Assert.Equal(1, result.Instances);
        Assert.Contains(result.Diagnostics, d => d.Code == "LT4084" && d.File!.EndsWith("missing", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == "LT4085");
        Assert.True(File.Exists(Path.Combine(_root, "merged", ResultMerger.MergeReportFileName)));
    }
}
