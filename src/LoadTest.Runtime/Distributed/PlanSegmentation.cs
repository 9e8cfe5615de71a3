using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// A whole plan as one instance runs it: every scenario's executor scaled to the instance's segment, and
/// scenarios whose share is empty left out (k6 does not start them either). The single place the engine needs
/// to call to run segmented.
/// </summary>
public static class PlanSegmentation
{
    public static LoadTestPlan Apply(LoadTestPlan plan, ExecutionTuple tuple)
    {
        if (tuple.IsFull) return plan;
        var scenarios = new List<Scenario>();
        foreach (var scenario in plan.Scenarios)
        {
            if (ExecutorSegmentation.Scale(scenario.Executor, tuple).Config is { } config)
            {
                scenarios.Add(scenario with { Executor = config, Segment = tuple });
            }
        }
        return plan with { Scenarios = scenarios };
    }
}
