using System.Diagnostics;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Tests;

public class CoordinatedOmissionTests
{
    [Fact]
    public async Task A_late_open_model_iteration_adds_its_lateness_to_the_first_request_only()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("co", [new Scenario("open", new ConstantArrivalRate(1, TimeSpan.FromSeconds(1), 1, 1), async (vu, ct) =>
        {
            await vu.Http.GetAsync("/a", "first", ct);
            await vu.Http.GetAsync("/b", "second", ct);
        })]);
        using var run = new RunContext(plan, TestPlans.Settings(server.BaseUrl), null, CancellationToken.None);
        var scenario = new ScenarioRuntime(run, plan.Scenarios[0]);
        var vu = scenario.CreateVu();
        var lateness = TimeSpan.FromMilliseconds(800);
        var scheduled = Stopwatch.GetTimestamp() - (long)(lateness.TotalSeconds * Stopwatch.Frequency);

        await scenario.RunIterationAsync(vu, CancellationToken.None, scheduled);

        var corrected = ((TrendSink)run.Metrics.Find("http_req_duration")!.Sink).Snapshot();
        var raw = ((TrendSink)run.Metrics.Find("http_req_duration_raw")!.Sink).Snapshot();
        Assert.Equal(2, corrected.Count);
        Assert.Equal(2, raw.Count);
        // First request: raw + ~800 ms; second: as measured. Sums differ by the lateness alone.
        Assert.InRange(corrected.Sum - raw.Sum, 799, 900);
        Assert.True(corrected.Max >= 800);
        Assert.True(corrected.Min < 800);
    }
}
