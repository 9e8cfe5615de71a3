using System.Globalization;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Reporting;
using LoadTest.Tests.Shared;
using ShopApi;
using Xunit.Abstractions;

namespace LoadTest.Sample.Tests;

/// <summary>
/// The verification script is the real flow at the design rate, end to end under real k6 v0.48 on loopback: k6 runs
/// the sample's generated flow briefly (smoke, compressed in time) and the report measures its requests per iteration
/// and iteration time; with a capacity input, it writes verification.k6.js importing that flow; k6 runs that script,
/// time-compressed, against the sample (its pool raised as the plan says), and the requests per second during the hold
/// at the design rate must be within 10 % of the design rate.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class VerificationScriptTests(ITestOutputHelper output) : IDisposable
{
    private const double MeasureTimeScale = 0.25, VerifyTimeScale = 0.02;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lt-verify-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_verification_script_runs_the_generated_flow_under_k6_and_reaches_its_design_rate_within_ten_percent()
    {
        var flow = FlowScript();
        Directory.CreateDirectory(_dir);
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = 60, DbQueryTime = TimeSpan.FromMilliseconds(20) });
        var environment = new Dictionary<string, string>
        {
            ["BASE_URL"] = host.BaseUrl.ToString(),
            ["LOADTEST_USERNAME"] = "loadtest",
            ["LOADTEST_PASSWORD"] = ShopApiOptions.DemoUsers["loadtest"],
            ["LOADTEST_RESULTS_DIR"] = Path.Combine(_dir, "summaries"),
        };

        // 1. The load test itself, briefly (smoke: 2 VUs, 30 s at 1/4 time): k6's time series of the flow.
        var measured = Path.Combine(_dir, "measured");
        Directory.CreateDirectory(measured);
        var smokeTime = System.Diagnostics.Stopwatch.StartNew();
        var smoke = K6Tool.Run(["run", "--quiet", "--out", $"json={Path.Combine(measured, "results.ndjson")}", flow],
            Path.GetDirectoryName(flow)!, new Dictionary<string, string>(environment) { ["LOADTEST_PROFILE"] = "smoke", ["LOADTEST_TIME_SCALE"] = Inv(MeasureTimeScale) },
            TimeSpan.FromSeconds(60));
        smokeTime.Stop();
        Assert.False(smoke.TimedOut, smoke.ToString());

        // 2. The report with a capacity input: design 30 × 2 × 1.2 = 72 RPS, a 5-minute soak.
        var capacity = Path.Combine(_dir, "capacity.json");
        File.WriteAllText(capacity, """
            { "baseline_rps": 30, "growth_factor": 2, "headroom": 0.2, "soak_minutes": 5,
              "current": { "pods": 1, "database": { "pool_size_per_pod": 60, "max_connections": 100, "connection_hold_ms": 20,
                           "queries_per_request": { "POST /api/auth/login": 0, "POST /api/orders/create": 2 } } } }
            """);
        var paths = ReportGenerator.WriteReports(new ReportRequest(measured)
        {
            OutputDirectory = Path.Combine(_dir, "report"),
            CapacityPlanInputPath = capacity,
            FlowScriptPath = flow,
            Facts = new RunFacts { Profile = "smoke", TimeScale = MeasureTimeScale },
        });
        var profile = VerificationProfile.Read(paths.VerificationProfile!)!;
        var script = File.ReadAllText(paths.VerificationScript!);
        output.WriteLine(script);
        Assert.Contains("import flow from \"../../", script);
        Assert.Contains("executor: 'ramping-arrival-rate'", script);
        Assert.DoesNotContain("sleep(", script);
        // Measured from the flow's own run (the checkout flow: cart add, order create, order get, and one login per VU).
        Assert.True(profile.RequestsPerIteration >= 1, $"{profile.RequestsPerIteration} requests per iteration");
        Assert.Equal(72, profile.DesignRps, 6);
        Assert.True(K6Tool.Inspect(paths.VerificationScript!, environment).Succeeded);

        // 3. The verification run, 1/50 of real time: ramp 6 s, hold at the design rate 12 s, soak 6 s, ramp down.
        var verified = Path.Combine(_dir, "verified.ndjson");
        var verifyTime = System.Diagnostics.Stopwatch.StartNew();
        var run = K6Tool.Run(["run", "--quiet", "--out", $"json={verified}", paths.VerificationScript!],
            Path.GetDirectoryName(paths.VerificationScript!)!, new Dictionary<string, string>(environment) { ["LOADTEST_TIME_SCALE"] = Inv(VerifyTimeScale) },
            TimeSpan.FromSeconds(90));
        verifyTime.Stop();
        output.WriteLine(run.ToString());
        output.WriteLine($"measure {smokeTime.Elapsed.TotalSeconds:0} s, verify {verifyTime.Elapsed.TotalSeconds:0} s");
        Assert.False(run.TimedOut);
        Assert.Equal(0, run.ExitCode); // every threshold held: latency, errors, checks, no dropped iterations

        var series = ResultsLoader.Load(verified).TimeSeries!;
        var (holdFrom, holdTo) = profile.DesignHoldSeconds;
        // One second of margin at each end of the hold, where a one-second window mixes ramp and hold.
        var hold = series.Windows.Where(w => (w.Start - series.Start).TotalSeconds >= holdFrom * VerifyTimeScale + 1
                                             && (w.Start - series.Start).TotalSeconds + w.Seconds <= holdTo * VerifyTimeScale - 1).ToList();
        Assert.True(hold.Count >= 8, $"{hold.Count} windows in the hold");
        var achieved = hold.Sum(w => w.Series.Sum(s => s.Requests)) / hold.Sum(w => w.Seconds);
        output.WriteLine($"design {profile.DesignRps:0.#} RPS ({profile.DesignIterationsPerSecond:0.##} it/s), achieved {achieved:0.#} RPS over {hold.Count} s of the hold");
        Assert.InRange(achieved, profile.DesignRps * 0.9, profile.DesignRps * 1.1);
    }

    /// <summary>The sample's generated k6 flow (whatever the generator named it), committed under load-tests/.</summary>
    private static string FlowScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var scripts = Path.Combine(dir.FullName, "samples", "ShopApi.LoadTests", "load-tests");
            if (!Directory.Exists(scripts)) continue;
            // The inferred checkout flow (whatever its name): the one that creates an order, as the story's verification does.
            return Directory.GetFiles(scripts, "*.js")
                .Where(f => Path.GetFileName(f) != "all-flows.js" && File.ReadAllText(f).Contains("POST /api/orders/create", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .First();
        }
        throw new InvalidOperationException("samples/ShopApi.LoadTests/load-tests is in no ancestor of " + AppContext.BaseDirectory);
    }

    private static string Inv(double value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
