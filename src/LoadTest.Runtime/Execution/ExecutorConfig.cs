namespace LoadTest.Runtime.Execution;

/// <summary>One ramp step of a ramping executor: reach <paramref name="Target"/> linearly over <paramref name="Duration"/>.</summary>
public sealed record Stage(TimeSpan Duration, int Target);

/// <summary>
/// The executor of a scenario, with k6's parameter names and defaults
/// (https://grafana.com/docs/k6/latest/using-k6/scenarios/executors/).
/// </summary>
public abstract record ExecutorConfig
{
    /// <summary>k6 name of the executor, e.g. <c>ramping-vus</c>.</summary>
    public abstract string Kind { get; }
    public TimeSpan StartTime { get; init; } = TimeSpan.Zero;
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record SharedIterations(int Vus, int Iterations) : ExecutorConfig
{
    public override string Kind => "shared-iterations";
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);
}

public sealed record PerVuIterations(int Vus, int Iterations) : ExecutorConfig
{
    public override string Kind => "per-vu-iterations";
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);
}

public sealed record ConstantVus(int Vus, TimeSpan Duration) : ExecutorConfig
{
    public override string Kind => "constant-vus";
}

public sealed record RampingVus(int StartVus, IReadOnlyList<Stage> Stages) : ExecutorConfig
{
    public override string Kind => "ramping-vus";
    public TimeSpan GracefulRampDown { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record ConstantArrivalRate(int Rate, TimeSpan Duration, int PreAllocatedVus, int MaxVus) : ExecutorConfig
{
    public override string Kind => "constant-arrival-rate";
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed record RampingArrivalRate(int StartRate, IReadOnlyList<Stage> Stages, int PreAllocatedVus, int MaxVus) : ExecutorConfig
{
    public override string Kind => "ramping-arrival-rate";
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);
}
