using System.Text.Json;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Tests;

public class ResultsFilesTests
{
    private static readonly TrendMetric ItemLatency = new("item_latency");

    private static JsonElement ReadJson(string directory, string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, file))).RootElement;

    [Fact]
    public async Task A_run_writes_k6_shaped_summaries_and_the_time_series()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("smoke", [new Scenario("browse", new ConstantVus(2, TimeSpan.FromSeconds(1.5)), async (vu, ct) =>
        {
            using (vu.Group("items"))
            {
                var response = await vu.Http.GetAsync("/items/" + vu.Random.Next(100), "GET /items/{id}", ct);
                vu.Check(response, "status is 200", r => r.Status == 200);
                vu.Add(ItemLatency, response.DurationMs);
            }
            await vu.SleepAsync(TimeSpan.FromMilliseconds(20), ct);
        })])
        {
            Thresholds = new Dictionary<string, IReadOnlyList<ThresholdSpec>>
            {
                ["http_req_duration"] = ["p(95)<5000", "avg<5000"],
                ["http_req_duration{name:GET /items/{id}}"] = ["max<5000"],
                ["http_req_failed"] = ["rate<0.01"],
                ["checks"] = ["rate>0.99"],
            },
        };

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        Assert.True(result.ThresholdsPassed, string.Join("; ", result.Thresholds.Select(t => t.Describe())));
        Assert.True(result.Requests > 10);
        LoadAssert.ThresholdsPassed(result);

        var summary = ReadJson(result.ResultsDirectory, "summary.json");
        var metrics = summary.GetProperty("metrics");
        var duration = metrics.GetProperty("http_req_duration");
        Assert.Equal("trend", duration.GetProperty("type").GetString());
        Assert.Equal("time", duration.GetProperty("contains").GetString());
        Assert.True(duration.GetProperty("values").GetProperty("p(95)").GetDouble() > 0);
        Assert.True(duration.GetProperty("thresholds").GetProperty("p(95)<5000").GetProperty("ok").GetBoolean());
        Assert.True(metrics.GetProperty("http_req_duration{name:GET /items/{id}}").GetProperty("thresholds").GetProperty("max<5000").GetProperty("ok").GetBoolean());
        Assert.Equal(result.Requests, metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble());
        Assert.Equal(duration.GetProperty("values").GetProperty("avg").GetDouble(),
            metrics.GetProperty("http_req_duration{expected_response:true}").GetProperty("values").GetProperty("avg").GetDouble(), 6);
        Assert.Equal(0, metrics.GetProperty("http_req_failed").GetProperty("values").GetProperty("rate").GetDouble());
        Assert.True(metrics.GetProperty("item_latency").GetProperty("values").GetProperty("avg").GetDouble() > 0);
        Assert.True(metrics.GetProperty("data_received").GetProperty("values").GetProperty("count").GetDouble() > 0);
        Assert.Equal(2, metrics.GetProperty("vus_max").GetProperty("values").GetProperty("max").GetDouble());
        Assert.True(summary.GetProperty("state").GetProperty("testRunDurationMs").GetDouble() >= 1500);
        var group = summary.GetProperty("root_group").GetProperty("groups")[0];
        Assert.Equal("items", group.GetProperty("name").GetString());
        Assert.Equal("::items", group.GetProperty("path").GetString());
        var check = group.GetProperty("checks")[0];
        Assert.Equal("status is 200", check.GetProperty("name").GetString());
        Assert.Equal(0, check.GetProperty("fails").GetInt64());
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", summary.GetProperty("root_group").GetProperty("id").GetString());

        var export = ReadJson(result.ResultsDirectory, "summary-export.json");
        var exported = export.GetProperty("metrics");
        Assert.False(exported.GetProperty("http_req_duration").GetProperty("thresholds").GetProperty("p(95)<5000").GetBoolean());
        Assert.Equal(1, exported.GetProperty("checks").GetProperty("value").GetDouble());
        Assert.True(exported.GetProperty("http_req_duration").GetProperty("p(95)").GetDouble() > 0);
        Assert.True(export.GetProperty("root_group").GetProperty("groups").GetProperty("items").GetProperty("checks").TryGetProperty("status is 200", out _));

        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.InRange(series.Windows.Count, 1, 4);
        Assert.Equal(result.Requests, series.Windows.Sum(w => w.Series.Where(s => s.Name == "GET /items/{id}").Sum(s => s.Requests)));
        Assert.Equal(["Sustain 2"], series.Stages.Select(s => s.Label));
    }

    [Fact]
    public async Task Abort_on_fail_stops_the_run_and_still_writes_results()
    {
        await using var server = new TestServer(ServerBehaviour.Status500);
        var plan = new LoadTestPlan("abort", [new Scenario("s", new ConstantVus(2, TimeSpan.FromSeconds(20)), async (vu, ct) =>
        {
            await vu.Http.GetAsync("/", "GET /", ct);
            await vu.SleepAsync(TimeSpan.FromMilliseconds(10), ct);
        })])
        {
            Thresholds = new Dictionary<string, IReadOnlyList<ThresholdSpec>>
            {
                ["http_req_failed"] = [new ThresholdSpec("rate<0.01") { AbortOnFail = true, DelayAbortEval = TimeSpan.FromMilliseconds(500) }],
            },
        };

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        Assert.True(result.Aborted);
        Assert.False(result.ThresholdsPassed);
        Assert.True(result.Duration < TimeSpan.FromSeconds(5), $"took {result.Duration}");
        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(500), "delayAbortEval holds the first evaluation back");
        Assert.Contains("abortOnFail", result.AbortReason);
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, "summary.json")));
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, "summary-export.json")));
        Assert.NotEmpty(TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName)).Windows);
        var failure = Assert.Throws<LoadTestFailedException>(() => LoadAssert.ThresholdsPassed(result));
        Assert.Contains("http_req_failed: rate<0.01 failed (rate=1)", failure.Message);
        Assert.Contains(result.ResultsDirectory, failure.Message);
        Assert.False(ReadJson(result.ResultsDirectory, "summary.json").GetProperty("metrics").GetProperty("http_req_failed")
            .GetProperty("thresholds").GetProperty("rate<0.01").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Cancellation_stops_the_run_and_still_writes_results()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("cancelled", [new Scenario("s", new ConstantVus(3, TimeSpan.FromSeconds(30)), async (vu, ct) =>
        {
            await vu.Http.GetAsync("/", "GET /", ct);
            await vu.SleepAsync(TimeSpan.FromMilliseconds(50), ct);
        })]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.2));

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl), cancel.Token);

        Assert.True(result.Cancelled);
        Assert.True(result.Aborted);
        Assert.True(result.Duration < TimeSpan.FromSeconds(5), $"took {result.Duration}");
        Assert.True(result.Requests > 0);
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, "summary.json")));
        Assert.NotEmpty(TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName)).Windows);
        Assert.Throws<LoadTestFailedException>(() => LoadAssert.ThresholdsPassed(result));
    }

    [Fact]
    public async Task Exceptions_in_iterations_are_counted_and_the_run_goes_on()
    {
        var log = new List<string>();
        var plan = new LoadTestPlan("throws", [new Scenario("s", new PerVuIterations(2, 5), (vu, _) =>
            vu.Iteration % 2 == 0 ? throw new InvalidOperationException("no such order") : Task.CompletedTask)]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null, log));

        Assert.Equal(10, result.Iterations);
        Assert.Equal(6, result.IterationErrors);
        Assert.Single(log, l => l.Contains("LT4056") && l.Contains("no such order"));
    }
}
