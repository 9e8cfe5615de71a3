using System.Collections.Concurrent;
using System.Text.Json;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests;

/// <summary>
/// The engine side of Ctrl+C, without signals: a first request stops new iterations and lets running ones finish
/// within gracefulStop (their requests recorded), a second interrupts them at once; either way everything is written.
/// </summary>
public class InterruptionTests
{
    private static LoadTestPlan SlowPlan(ExecutorConfig executor) =>
        new("interrupted", [new Scenario("browse", executor, async (vu, ct) =>
        {
            await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Name = "GET /items" }, ct);
        })]);

    /// <summary>Interrupts once the server has seen <paramref name="requests"/> requests (bounded wait), once or twice.</summary>
    private static async Task<(RunResult Result, TimeSpan RequestedAt)> RunAndInterrupt(LoadTestPlan plan, TestServer server, long requests, bool twice)
    {
        using var interruption = new RunInterruption();
        var settings = TestPlans.Settings(server.BaseUrl) with { Interruption = interruption };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = TestPlans.RunAsync(plan, settings);
        for (var i = 0; i < 500 && server.Requests < requests; i++) await Task.Delay(20);
        Assert.True(server.Requests >= requests, $"the run did not reach {requests} requests in 10 s");
        var requestedAt = started.Elapsed;
        interruption.Request("received SIGINT (Ctrl+C)");
        if (twice)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            interruption.Request("received SIGINT (Ctrl+C)");
        }
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        return (result, requestedAt);
    }

    [Fact]
    public async Task A_first_request_lets_running_iterations_finish_and_records_their_requests()
    {
        // Each request takes 1 s, well inside a 10 s gracefulStop: they end on their own.
        await using var server = new TestServer(delay: TimeSpan.FromSeconds(1));
        var plan = SlowPlan(new ConstantVus(3, TimeSpan.FromSeconds(60)) { GracefulStop = TimeSpan.FromSeconds(10) });

        var (result, _) = await RunAndInterrupt(plan, server, 3, twice: false);

        Assert.True(result.Interrupted);
        Assert.StartsWith("LT4121: interrupted (received SIGINT (Ctrl+C))", result.AbortReason, StringComparison.Ordinal);
        Assert.Equal(0, result.InterruptedIterations);
        Assert.Equal(server.Requests, result.Requests); // every request in flight at the signal was answered and recorded
        Assert.Equal(3, result.Iterations); // one per VU: none started after the signal
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"stopped at {result.Duration}");
        Assert.Equal(105, result.ExitCode);
        AssertSummarySaysInterrupted(result);
        var error = Assert.Throws<LoadTestFailedException>(() => LoadAssert.ThresholdsPassed(result));
        Assert.StartsWith("Load test 'interrupted' was interrupted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_iterations_are_cut_after_gracefulStop()
    {
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);
        var plan = SlowPlan(new ConstantVus(2, TimeSpan.FromSeconds(60)) { GracefulStop = TimeSpan.FromSeconds(1) });

        var (result, _) = await RunAndInterrupt(plan, server, 2, twice: false);

        Assert.True(result.Interrupted);
        Assert.Equal(2, result.InterruptedIterations);
        Assert.Equal(0, result.Iterations);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"stopped at {result.Duration}");
        Assert.Contains(result.Failures, f => f.StartsWith("LT4120", StringComparison.Ordinal));
        AssertSummarySaysInterrupted(result);
    }

    [Fact]
    public async Task A_second_request_stops_at_once_without_waiting_for_gracefulStop()
    {
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);
        var plan = SlowPlan(new ConstantVus(2, TimeSpan.FromSeconds(60)) { GracefulStop = TimeSpan.FromSeconds(30) });

        var (result, _) = await RunAndInterrupt(plan, server, 2, twice: true);

        Assert.True(result.Interrupted);
        Assert.Equal(2, result.InterruptedIterations);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"stopped at {result.Duration}: it waited for gracefulStop");
        AssertSummarySaysInterrupted(result);
    }

    [Fact]
    public async Task Open_model_and_ramping_scenarios_stop_scheduling_too()
    {
        await using var server = new TestServer();
        var started = new ConcurrentQueue<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = new LoadTestPlan("mixed",
        [
            new Scenario("open", new ConstantArrivalRate(20, TimeSpan.FromSeconds(60), 5, 20), async (vu, ct) =>
            {
                started.Enqueue(clock.Elapsed);
                await vu.Http.GetAsync("/items", "GET /items", ct);
            }),
            new Scenario("ramp", new RampingVus(1, [new Stage(TimeSpan.FromSeconds(30), 10), new Stage(TimeSpan.FromSeconds(30), 10)]), async (vu, ct) =>
            {
                await vu.Http.GetAsync("/items", "GET /items", ct);
                await vu.SleepAsync(TimeSpan.FromMilliseconds(50), ct);
            }),
        ]);

        var (result, requestedAt) = await RunAndInterrupt(plan, server, 10, twice: false);

        Assert.True(result.Interrupted);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"stopped at {result.Duration}");
        // The open model started nothing after the request (a small margin for the iteration that was due then).
        Assert.DoesNotContain(started, t => t > requestedAt + TimeSpan.FromSeconds(1));
        Assert.Empty(result.Failures);
    }

    [Fact]
    public async Task A_scenario_the_interrupted_run_never_reached_is_not_blamed_for_doing_nothing()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("later",
        [
            new Scenario("now", new ConstantVus(1, TimeSpan.FromSeconds(60)), TestPlans.Get()),
            new Scenario("later", new ConstantVus(1, TimeSpan.FromSeconds(10)) { StartTime = TimeSpan.FromSeconds(30) }, TestPlans.Get()),
        ]);

        var (result, _) = await RunAndInterrupt(plan, server, 3, twice: false);

        Assert.True(result.Interrupted);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void The_progress_line_reads_like_k6s()
    {
        Assert.Equal("running (0m12.3s/1m00s), 12/50 VUs, 345 complete and 0 interrupted iterations",
            RunProgress.Totals(TimeSpan.FromSeconds(12.34), TimeSpan.FromSeconds(60), 12, 50, 345, 0));
        Assert.Equal("running (1h02m03.5s), 00/10 VUs, 7 complete and 2 interrupted iterations",
            RunProgress.Totals(new TimeSpan(0, 1, 2, 3, 500), null, 0, 10, 7, 2));
        var start = DateTimeOffset.UnixEpoch;
        StageMark Stage(int index, string label, int from, int to) => new("browse", index, label, start.AddSeconds(from), start.AddSeconds(to), 10, null);
        var stages = new[] { Stage(0, "Ramp 0-10", 0, 10), Stage(1, "Sustain 10", 10, 40), Stage(2, "Ramp 10-0", 40, 50) };
        Assert.Equal("stage 2/3 Sustain 10", RunProgress.Stages(stages, start.AddSeconds(12)));
        Assert.Equal("stages done, gracefulStop", RunProgress.Stages(stages, start.AddSeconds(55)));
    }

    [Fact]
    public async Task The_progress_line_says_elapsed_and_total_and_the_current_stage()
    {
        await using var server = new TestServer();
        var log = new List<string>();
        var plan = new LoadTestPlan("progress", [new Scenario("browse",
            new RampingVus(1, [new Stage(TimeSpan.FromSeconds(1), 2), new Stage(TimeSpan.FromSeconds(1), 2)]), TestPlans.Get())]);

        await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl, log) with
        {
            WindowLength = TimeSpan.FromMilliseconds(250),
            ProgressInterval = TimeSpan.FromMilliseconds(250),
        });

        string[] lines;
        lock (log) lines = [.. log.Where(l => l.StartsWith("running (", StringComparison.Ordinal))];
        Assert.Contains(lines, l => l.Contains("/0m02s), ", StringComparison.Ordinal) && l.Contains("stage 1/2 Ramp 1-2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("stage 2/2 Sustain 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" complete and 0 interrupted iterations", StringComparison.Ordinal));
    }

    private static void AssertSummarySaysInterrupted(RunResult result)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ResultsDirectory, SummaryWriter.SummaryFileName)));
        var state = summary.RootElement.GetProperty("state");
        Assert.True(state.GetProperty("aborted").GetBoolean());
        Assert.Contains("interrupted", state.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, SummaryWriter.ExportFileName)));
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName)));
    }
}
