using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Tests.Distributed;

/// <summary>Open-model instances start their iterations at their own places in the whole test's schedule, as k6's do.</summary>
public sealed class SegmentedArrivalsTests
{
    private static readonly IterationAction Noop = (_, _) => Task.CompletedTask;

    [Theory]
    [InlineData("0,1/3,2/3,1")]
    [InlineData("0,0.5,0.8,1")]
    [InlineData("0,1/7,2/7,1")]
    public void Constant_arrival_rate_instances_together_run_the_whole_schedule_without_firing_together(string sequenceText)
    {
        var whole = new ConstantArrivalRate(10, TimeSpan.FromSeconds(6), 20, 40);
        var duration = whole.Duration;
        var expected = ConstantArrivalRateExecutor.Schedule(whole, null).TakeWhile(o => o < duration).ToList();

        var parts = Instances(whole, sequenceText)
            .Select(s => ConstantArrivalRateExecutor.Schedule((ConstantArrivalRate)s.Executor, s.Segment).TakeWhile(o => o < duration).ToList())
            .ToList();

        Assert.Equal(60, expected.Count);
        AssertPartition(expected, parts);
        // Nobody fires at the same instant as another instance (the whole schedule has distinct starts).
        var all = parts.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [InlineData("0,1/3,2/3,1")]
    [InlineData("0,0.5,0.8,1")]
    public void Ramping_arrival_rate_instances_together_run_the_whole_schedule(string sequenceText)
    {
        var whole = new RampingArrivalRate(0, [new Stage(TimeSpan.FromSeconds(4), 30), new Stage(TimeSpan.FromSeconds(2), 30)], 10, 50);
        var duration = TimeSpan.FromSeconds(6);
        var expected = RampingArrivalRateExecutor.Schedule(whole, null).TakeWhile(o => o < duration).ToList();

        var parts = Instances(whole, sequenceText)
            .Select(s => RampingArrivalRateExecutor.Schedule((RampingArrivalRate)s.Executor, s.Segment).TakeWhile(o => o < duration).ToList())
            .ToList();

        Assert.InRange(expected.Count, 119, 121); // 30/s ramped over 4 s (60) + 2 s at 30/s (60)
        AssertPartition(expected, parts);
    }

    private static IEnumerable<Scenario> Instances(ExecutorConfig executor, string sequenceText)
    {
        var plan = new LoadTestPlan("open", [new Scenario("open", executor, Noop)]);
        var sequence = ExecutionSegmentSequence.Parse(sequenceText);
        foreach (var segment in sequence.Segments)
        {
            var part = PlanSegmentation.Apply(plan, new ExecutionTuple(segment, sequence));
            var scenario = Assert.Single(part.Scenarios);
            Assert.Equal(segment, scenario.Segment?.Segment);
            yield return scenario;
        }
    }

    /// <summary>The instances' starts, merged, are the whole schedule (to floating-point rounding of the rate factor).</summary>
    private static void AssertPartition(List<TimeSpan> expected, List<List<TimeSpan>> parts)
    {
        Assert.Equal(expected.Count, parts.Sum(p => p.Count));
        var merged = parts.SelectMany(p => p).Order().ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs((merged[i] - expected[i]).TotalMilliseconds) < 0.01,
                $"start {i}: instances {merged[i].TotalMilliseconds} ms, whole test {expected[i].TotalMilliseconds} ms");
        }
        Assert.All(parts, p => Assert.NotEmpty(p));
    }
}
