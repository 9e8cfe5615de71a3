using LoadTest.Runtime.Distributed;

namespace LoadTest.Runtime.Execution;

/// <summary>The body of one iteration, run by one virtual user (k6's <c>exec</c> function).</summary>
public delegate Task IterationAction(VirtualUser vu, CancellationToken cancellationToken);

/// <summary>A k6 scenario: a name, an executor and the iteration it repeats.</summary>
public sealed record Scenario(string Name, ExecutorConfig Executor, IterationAction Exec)
{
    /// <summary>Tags added to every sample of this scenario (k6 <c>tags</c>); <c>scenario</c> is added automatically.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Scenario environment (k6 <c>env</c>), visible to the iteration as <see cref="VirtualUser.Env"/>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Set by <see cref="PlanSegmentation"/> when <see cref="Executor"/> is one instance's share of a distributed run:
    /// arrival-rate executors then start their iterations at their places in the whole test's schedule.
    /// </summary>
    public ExecutionTuple? Segment { get; init; }
}
