using System.Collections.Concurrent;
using System.Diagnostics;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests;

public class ExecutorScheduleTests
{
    [Fact]
    public void Ramping_arrival_rate_schedule_integrates_the_rate()
    {
        // 0 → 10/s over 10 s (50 iterations), then 10/s for 5 s (50 more).
        var offsets = RampingArrivalRateExecutor.Schedule(0, [new(TimeSpan.FromSeconds(10), 10), new(TimeSpan.FromSeconds(5), 10)], TimeSpan.FromSeconds(1))
            .TakeWhile(o => o < TimeSpan.FromSeconds(15))
            .ToList();

        Assert.InRange(offsets.Count, 100, 101);
        Assert.True(offsets.Zip(offsets.Skip(1)).All(p => p.First <= p.Second), "offsets ascend");
        // Iteration k of the ramp starts at sqrt(2k) seconds (N(t) = t²/2).
        Assert.Equal(Math.Sqrt(2 * 18), offsets[18].TotalSeconds, 6);
        // In the constant stage they are 100 ms apart.
        Assert.Equal(0.1, (offsets[80] - offsets[79]).TotalSeconds, 6);
    }

    [Fact]
    public void Ramping_vus_steps_one_vu_at_a_time_like_k6()
    {
        var steps = RampingVusExecutor.Steps(2, [new(TimeSpan.FromSeconds(4), 6), new(TimeSpan.FromSeconds(2), 6), new(TimeSpan.FromSeconds(2), 0)]);

        Assert.Equal([3, 4, 5, 6, 5, 4, 3, 2, 1, 0], steps.Select(s => s.Target));
        Assert.Equal(TimeSpan.FromSeconds(1), steps[0].At);
        Assert.Equal(TimeSpan.FromSeconds(4), steps[3].At);
        Assert.Equal(TimeSpan.FromSeconds(8), steps[^1].At);
    }

    // Under a test host this caught thread-pool starvation: xunit blocks pool threads, and at the default minimum
    // (one per core) the schedule stalled ~0.9 s and then dropped 20-30 iterations in a burst (ThreadPoolReservation).
    [Fact]
    public async Task Constant_arrival_rate_starts_iterations_on_schedule()
    {
        var starts = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var plan = new LoadTestPlan("car-schedule",
        [
            new Scenario("open", new ConstantArrivalRate(50, TimeSpan.FromSeconds(2), 10, 20), async (_, ct) =>
            {
                starts.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(5, ct);
            }),
        ]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        // Planned: 100 starts, 20 ms apart. Tolerance: each start within 40 ms of its slot (timer and 2 shared cores).
        var actual = starts.Order().ToArray();
        Assert.InRange(actual.Length, 99, 100);
        Assert.Equal(actual.Length, result.Iterations);
        Assert.Equal(0, result.DroppedIterations);
        var origin = actual[0];
        var late = actual.Select((t, k) => t - origin - k * 20.0).Count(d => Math.Abs(d) > 40);
        Assert.True(late <= 5, $"{late} of {actual.Length} iteration starts were more than 40 ms off their schedule");
    }

    [Fact]
    public async Task Arrival_rate_drops_iterations_when_max_vus_are_busy()
    {
        var plan = new LoadTestPlan("dropped",
        [
            new Scenario("open", new ConstantArrivalRate(40, TimeSpan.FromSeconds(1), 1, 2) { GracefulStop = TimeSpan.FromSeconds(1) },
                (vu, ct) => vu.SleepAsync(TimeSpan.FromMilliseconds(400), ct)),
        ]);
        var settings = TestPlans.Settings(null);

        var result = await TestPlans.RunAsync(plan, settings);

        // 2 VUs busy 400 ms each can take at most ~6 of the 40 due iterations; the rest are dropped.
        Assert.InRange(result.Iterations, 2, 8);
        Assert.InRange(result.Iterations + result.DroppedIterations, 39, 40);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ResultsDirectory, "summary.json")));
        Assert.Equal(result.DroppedIterations, summary.RootElement.GetProperty("metrics").GetProperty("dropped_iterations").GetProperty("values").GetProperty("count").GetDouble());
        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.Equal(result.DroppedIterations, series.Windows.Sum(w => w.DroppedIterations));
    }

    [Fact]
    public async Task Ramping_arrival_rate_runs_the_integral_of_its_rate()
    {
        var plan = new LoadTestPlan("rar",
        [
            new Scenario("ramp", new RampingArrivalRate(0, [new(TimeSpan.FromSeconds(2), 40), new(TimeSpan.FromSeconds(1), 40)], 5, 20),
                (vu, ct) => vu.SleepAsync(TimeSpan.FromMilliseconds(10), ct)),
        ]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        // 0 → 40/s over 2 s is 40 iterations, then 40 more in the last second (±2 for the edges).
        Assert.True(result.Iterations is >= 78 and <= 82, $"{result.Iterations} iterations, {result.DroppedIterations} dropped");
        Assert.Equal(0, result.DroppedIterations);
        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.Equal(["Ramp 0-40", "Sustain 40"], series.Stages.Select(s => s.Label));
        Assert.Equal([40.0, 40.0], series.Stages.Select(s => s.TargetRate!.Value));
        // The first second of the ramp gets 10 iterations, the second 30 (N = 10·t²); iterations are counted when they
        // end, so allow a few to slip across a window edge on a busy machine.
        var first = series.Windows[0].Iterations;
        var second = series.Windows[1].Iterations;
        Assert.True(first is >= 4 and <= 16 && second is >= 22 and <= 38 && second > 2 * first, $"windows: {first}, {second}");
    }

    [Fact]
    public async Task Shared_iterations_runs_exactly_the_iterations()
    {
        var byVu = new ConcurrentDictionary<int, int>();
        var plan = new LoadTestPlan("shared", [new Scenario("s", new SharedIterations(5, 23), async (vu, ct) =>
        {
            byVu.AddOrUpdate(vu.Id, 1, (_, n) => n + 1);
            await Task.Delay(2, ct);
        })]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        Assert.Equal(23, result.Iterations);
        Assert.Equal(23, byVu.Values.Sum());
        Assert.True(byVu.Count <= 5);
    }

    [Fact]
    public async Task Per_vu_iterations_gives_each_vu_its_count_and_iteration_index()
    {
        var seen = new ConcurrentBag<(int Vu, long Iteration)>();
        var plan = new LoadTestPlan("per-vu", [new Scenario("p", new PerVuIterations(3, 4), (vu, _) =>
        {
            seen.Add((vu.Id, vu.Iteration));
            return Task.CompletedTask;
        })]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        Assert.Equal(12, result.Iterations);
        Assert.All(seen.GroupBy(s => s.Vu), g => Assert.Equal([0L, 1, 2, 3], g.Select(s => s.Iteration).Order()));
        Assert.Equal(3, seen.Select(s => s.Vu).Distinct().Count());
    }

    [Fact]
    public async Task Ramping_vus_follows_the_stages_and_marks_them()
    {
        var active = 0;
        var peak = 0;
        var plan = new LoadTestPlan("ramp", [new Scenario("r",
            new RampingVus(0, [new(TimeSpan.FromSeconds(1), 4), new(TimeSpan.FromSeconds(1), 0)]) { GracefulRampDown = TimeSpan.FromMilliseconds(100) },
            async (vu, ct) =>
            {
                var now = Interlocked.Increment(ref active);
                InterlockedMax(ref peak, now);
                try { await Task.Delay(50, ct); }
                finally { Interlocked.Decrement(ref active); }
            })]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        Assert.InRange(peak, 3, 4);
        Assert.InRange(result.Duration.TotalSeconds, 1.9, 3.5);
        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.Equal(["Ramp 0-4", "Ramp 4-0"], series.Stages.Select(s => s.Label));
        Assert.Equal([4, 0], series.Stages.Select(s => s.TargetVus!.Value));
    }

    [Fact]
    public async Task Graceful_stop_interrupts_iterations_that_outlive_it()
    {
        var plan = new LoadTestPlan("graceful", [new Scenario("g",
            new ConstantVus(2, TimeSpan.FromMilliseconds(300)) { GracefulStop = TimeSpan.FromMilliseconds(200) },
            (vu, ct) => vu.SleepAsync(TimeSpan.FromSeconds(30), ct))]);
        var clock = Stopwatch.StartNew();

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the run took {clock.Elapsed}");
        Assert.Equal(0, result.Iterations); // interrupted iterations are not counted, as in k6
        Assert.Equal(0, result.IterationErrors);
    }

    [Fact]
    public async Task Scenarios_run_together_each_from_its_start_time()
    {
        var firstStart = new ConcurrentDictionary<string, double>();
        var clock = Stopwatch.StartNew();
        IterationAction mark = (vu, _) =>
        {
            firstStart.TryAdd(vu.ScenarioName, clock.Elapsed.TotalMilliseconds);
            return Task.CompletedTask;
        };
        var plan = new LoadTestPlan("two", [
            new Scenario("early", new PerVuIterations(1, 1), mark),
            new Scenario("late", new PerVuIterations(1, 1) { StartTime = TimeSpan.FromMilliseconds(500) }, mark),
        ]);

        await TestPlans.RunAsync(plan, TestPlans.Settings(null));

        Assert.InRange(firstStart["late"] - firstStart["early"], 400, 1000);
    }

    [Fact]
    public async Task Invalid_plans_are_rejected_before_running()
    {
        var plan = new LoadTestPlan("bad", [new Scenario("s", new SharedIterations(5, 2), (_, _) => Task.CompletedTask)]);

        var error = await Assert.ThrowsAsync<LoadTestConfigurationException>(() => TestPlans.RunAsync(plan, TestPlans.Settings(null)));

        Assert.Equal("LT4059", error.Code);
        Assert.Contains("iterations must be at least vus", error.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
