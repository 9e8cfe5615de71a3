using LoadTest.Runtime.Results;
using System.Diagnostics;
using System.Text.Json;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Tests;

public class ScaleAndRampDownTests
{
    [Fact]
    public async Task Ten_thousand_vus_with_think_time_are_cheap()
    {
        var log = new List<string>();
        long peakMemory = 0;
        var plan = new LoadTestPlan("many-vus", [new Scenario("think",
            new ConstantVus(10_000, TimeSpan.FromSeconds(2)) { GracefulStop = TimeSpan.FromSeconds(2) },
            (vu, ct) =>
            {
                if (vu.Id % 1000 == 0 && vu.Iteration == 1) InterlockedMax(ref peakMemory, GC.GetTotalMemory(forceFullCollection: false));
                return vu.SleepAsync(TimeSpan.FromMilliseconds(500), ct);
            })]);
        var settings = TestPlans.Settings(null, log) with { ProgressInterval = TimeSpan.FromSeconds(1) };
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        var result = await TestPlans.RunAsync(plan, settings);

        // Each VU sleeps 500 ms per iteration for 2 s: ~4 iterations each, ~40,000 in all, if the VUs really run concurrently.
        Assert.True(result.Iterations is >= 30_000 and <= 41_000, $"{result.Iterations} iterations in {clock.Elapsed}: " + string.Join(" | ", log));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        // Heap while all VUs are alive (garbage included, so an upper bound) over the heap before.
        var perVu = (Interlocked.Read(ref peakMemory) - memoryBefore) / 10_000.0;
        Assert.True(perVu > 0);
        Assert.True(perVu < 10_000, $"{perVu:0} bytes per VU");
        // One progress line per interval, with elapsed time, VUs, RPS, p95 and error rate.
        Assert.Contains(log, l => l.StartsWith("running (", StringComparison.Ordinal) && l.Contains("10000/10000 VUs") && l.Contains("req/s") && l.Contains("p95=") && l.Contains("errors="));
    }

    [Fact]
    public async Task Ramping_down_interrupts_iterations_after_graceful_ramp_down_not_graceful_stop()
    {
        var plan = new LoadTestPlan("ramp-down", [new Scenario("r",
            new RampingVus(2, [new(TimeSpan.FromMilliseconds(300), 2), new(TimeSpan.FromMilliseconds(100), 0), new(TimeSpan.FromSeconds(1.5), 0)])
            {
                GracefulRampDown = TimeSpan.FromMilliseconds(200),
                GracefulStop = TimeSpan.FromSeconds(20),
            },
            (vu, ct) => vu.SleepAsync(TimeSpan.FromSeconds(20), ct))]);
        var interruptedBy = Stopwatch.StartNew();
        var settings = TestPlans.Settings(null);

        var result = await TestPlans.RunAsync(plan, settings);

        // Without gracefulRampDown the sleeping VUs would only be stopped at the end + gracefulStop (20 s).
        Assert.True(interruptedBy.Elapsed < TimeSpan.FromSeconds(4), $"took {interruptedBy.Elapsed}");
        Assert.Equal(0, result.Iterations);
        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.Equal(0, series.Windows[^1].Vus);
        Assert.Equal(["Sustain 2", "Ramp 2-0", "Sustain 0"], series.Stages.Select(s => s.Label));
    }

    [Fact]
    public async Task Open_model_keeps_the_raw_duration_beside_the_corrected_one()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("open", [new Scenario("o", new ConstantArrivalRate(20, TimeSpan.FromSeconds(1), 2, 10), TestPlans.Get())]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ResultsDirectory, "summary.json")));
        var metrics = summary.RootElement.GetProperty("metrics");
        var corrected = metrics.GetProperty("http_req_duration").GetProperty("values");
        var raw = metrics.GetProperty("http_req_duration_raw").GetProperty("values");
        Assert.True(raw.GetProperty("avg").GetDouble() > 0);
        // The corrected duration adds the start lateness, so it is never below the raw one.
        Assert.True(corrected.GetProperty("avg").GetDouble() >= raw.GetProperty("avg").GetDouble());
        Assert.True(corrected.GetProperty("max").GetDouble() >= raw.GetProperty("max").GetDouble());
        Assert.Equal(result.Requests, metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble());
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
