using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Tests.Distributed;

public sealed class PlanSegmentationTests
{
    private static readonly IterationAction Noop = (_, _) => Task.CompletedTask;

    [Fact]
    public void Each_instance_runs_its_share_and_skips_empty_scenarios()
    {
        var plan = new LoadTestPlan("shop",
        [
            new Scenario("browse", new ConstantVus(10, TimeSpan.FromSeconds(30)), Noop),
            new Scenario("admin", new ConstantVus(1, TimeSpan.FromSeconds(30)), Noop),
        ]);
        var sequence = ExecutionSegmentSequence.Parse("0,1/3,2/3,1");

        var parts = sequence.Segments.Select(s => PlanSegmentation.Apply(plan, new ExecutionTuple(s, sequence))).ToArray();

        Assert.Equal(10, parts.Sum(p => p.Scenarios.Where(s => s.Name == "browse").Sum(s => ((ConstantVus)s.Executor).Vus)));
        Assert.Equal(1, parts.Sum(p => p.Scenarios.Count(s => s.Name == "admin")));
        Assert.All(parts, p => Assert.Equal(plan.Thresholds, p.Thresholds));
        Assert.Same(plan, PlanSegmentation.Apply(plan, ExecutionTuple.Full));
    }
}
