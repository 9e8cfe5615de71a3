using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Profiles;
using LoadTest.Runtime.Reporting;
using ShopApi;
using Xunit.Abstractions;

namespace LoadTest.Sample.Tests;

/// <summary>
/// A lab server of known capacity: the sample's products endpoint does one query on a pool of 10 connections held
/// 100 ms each, so it tops out at 10 / 0.1 s = 100 requests/s (a rate a busy 2-core machine drives without its own
/// scheduling delays eating into the limit). The real engine drives it past that on loopback with a
/// breakpoint-shaped ramp — in VUs (closed model) and in arrival rate (open model, the breakpoint profile) — and the
/// report's one headline must land within ±10 % of 100, with the pool named as the limit at ≥ 90 % use.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LabBreakingPointTests(ITestOutputHelper output) : IDisposable
{
    private const double Capacity = 100;
    private static readonly ShopApiOptions Lab = new() { DbPoolSize = 10, DbQueryTime = TimeSpan.FromMilliseconds(100) };
    private readonly string _results = Path.Combine(Path.GetTempPath(), "lt-lab-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Ramping_vus_headline_is_the_pool_limit_within_ten_percent_and_names_the_pool()
    {
        // A single long VU ramp past saturation (10 VUs at 100 ms) to 6× that, as the breakpoint profile ramps its rate.
        var ramp = new RampingVus(1, [new Stage(TimeSpan.FromSeconds(30), 60)])
        {
            GracefulRampDown = TimeSpan.FromSeconds(1),
            GracefulStop = TimeSpan.FromSeconds(1),
        };

        var model = await RunAsync(ramp, "breakpoint", scrape: true);

        Assert.Equal(LoadModel.Closed, model.Model);
        AssertCapacityAndPool(model);
        // The pool's demand was measured on the API (db_queries_total before and after), not taken from the topology.
        Assert.StartsWith("1 query per request measured: db_queries_total grew", model.Bottleneck!.PoolDemand!.Basis);
    }

    [Fact]
    public async Task Ramping_arrival_rate_breakpoint_profile_headline_is_the_pool_limit_within_ten_percent()
    {
        // The breakpoint profile (1 → 2000 iterations/s over 20 min) scaled to 1 → 200/s over 36 s: twice the capacity.
        var profile = LoadProfiles.Resolve("breakpoint", null, name => name switch
        {
            "LOADTEST_PROFILE" => "breakpoint",
            "LOADTEST_RATE" => "200",
            "LOADTEST_VUS" => "600",
            "LOADTEST_TIME_SCALE" => "0.03",
            _ => null,
        });
        var executor = Assert.IsType<RampingArrivalRate>(profile.Executor) with { GracefulStop = TimeSpan.FromSeconds(2) };

        var model = await RunAsync(executor, profile.Name);

        Assert.Equal(LoadModel.Open, model.Model);
        // The stage table is the ramp's steps, each with offered and achieved rates, drops and VUs in use.
        Assert.True(model.Steps.Count >= 8, $"{model.Steps.Count} steps");
        Assert.All(model.Steps.Where(s => s.Kind == StageKind.RampUp), s => Assert.NotNull(s.OfferedRate));
        var md = File.ReadAllText(Path.Combine(model.Source, ReportGenerator.MarkdownFileName));
        Assert.Contains("| Step | Offered it/s | Achieved it/s | RPS | Dropped | VUs in use |", md);
        Assert.Contains("## Breaking point", md);
        // The break is named, and it happens where the offered rate passes the capacity, not before.
        var first = Assert.IsType<BreakEvent>(model.BreakingPoint!.First);
        Assert.Contains(first.Kind, new[] { BreakKind.BehindOffered, BreakKind.VusWithoutThroughput, BreakKind.P95OverLimit, BreakKind.P99OverLimit, BreakKind.ErrorRateOverLimit });
        Assert.True(first.OfferedRate >= Capacity * 0.9, $"break at {first.OfferedRate} it/s offered: {first.Evidence}");
        AssertCapacityAndPool(model);
    }

    private void AssertCapacityAndPool(ReportModel model)
    {
        var headline = model.Capacity!.Headline!;
        output.WriteLine($"{model.Model}: {headline.Text} — {headline.Method}");
        foreach (var line in model.Capacity.Supporting) output.WriteLine($"  {line.Name}: {line.Text}");
        output.WriteLine(model.Bottleneck!.Evidence);
        if (Environment.GetEnvironmentVariable("LAB_DEBUG") == "1") output.WriteLine(File.ReadAllText(Path.Combine(model.Source, ReportGenerator.MarkdownFileName)));
        Assert.False(headline.LowerBound);
        Assert.InRange(headline.Rps, Capacity * 0.9, Capacity * 1.1);
        Assert.Equal("Database connection pool", model.Bottleneck.LikelyLimit);
        var pool = Assert.Single(model.Bottleneck.Ceilings, c => c.Resource == "Database connection pool");
        Assert.True(pool.UseAtCapacity >= 0.9, $"pool use at the headline {pool.UseAtCapacity:P0}");
        // The plan sizes on the headline and fixes the limit first.
        Assert.Equal(headline.Rps, model.CapacityPlan!.MeasuredSustainableRps);
        Assert.Equal(CapacityPlanner.PoolChange, model.CapacityPlan.Changes[0].Change);
        Assert.DoesNotContain(model.CapacityPlan.Changes, c => c.Change == CapacityPlanner.PodsChange && c.What.StartsWith("1 -> 1 ", StringComparison.Ordinal));
    }

    private async Task<ReportModel> RunAsync(ExecutorConfig executor, string profile, bool scrape = false)
    {
        await using var host = await ShopApiHost.StartAsync(Lab);
        using var metrics = new HttpClient { BaseAddress = host.BaseUrl };
        Directory.CreateDirectory(_results);
        var before = Path.Combine(_results, "before.prom");
        var after = Path.Combine(_results, "after.prom");
        if (scrape) File.WriteAllText(before, await metrics.GetStringAsync("metrics"));
        var plan = new LoadTestPlan("lab", [new Scenario("products", executor, async (vu, ct) =>
        {
            var response = await vu.Http.GetAsync("/api/products", "GET /api/products", ct);
            vu.Check(response, "products 200", r => r.Status == 200);
        })]) { Profile = profile };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await LoadTestRunner.RunAsync(plan, new RunSettings { BaseUrl = host.BaseUrl, ResultsDirectory = _results, Quiet = true }, timeout.Token);
        if (scrape) File.WriteAllText(after, await metrics.GetStringAsync("metrics"));
        IReadOnlyList<string>? scrapes = scrape ? [before, after] : null;

        // The tested setup: one pod with the lab's pool; production as the product story has it.
        var capacity = Path.Combine(_results, "capacity.json");
        File.WriteAllText(capacity, """
            { "baseline_rps": 50, "growth_factor": 3, "headroom": 0.2,
              "current": { "pods": 2, "node_sku": "m5.xlarge",
                           "database": { "instance_class": "db.r5.large", "max_connections": 100, "pool_size_per_pod": 10,
                                         "connection_hold_ms": 100, "queries_per_request": { "GET /api/products": 1 } } },
              "tested": { "pods": 1, "database": { "pool_size_per_pod": 10, "max_connections": 100, "connection_hold_ms": 100 } } }
            """);
        var request = new ReportRequest(result.ResultsDirectory)
        {
            CapacityPlanInputPath = capacity,
            PrometheusScrapes = scrapes,
            Facts = new RunFacts { Profile = profile, Target = host.BaseUrl.ToString() },
        };
        ReportGenerator.WriteReports(request);
        return ReportGenerator.Build(request);
    }

    public void Dispose()
    {
        if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true);
    }
}
