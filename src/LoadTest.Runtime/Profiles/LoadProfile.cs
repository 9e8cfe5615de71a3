using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Profiles;

/// <summary>Latency and error limits a profile judges a run by (k6 thresholds on the global metrics and per operation).</summary>
public sealed record ProfileLimits(double P95Ms, double P99Ms, double ErrorRate)
{
    /// <summary>Stop the run as soon as a limit is crossed (stress/breakpoint: find where it breaks, then stop).</summary>
    public bool AbortOnFail { get; init; }
    public TimeSpan DelayAbortEval { get; init; } = TimeSpan.Zero;
}

/// <summary>
/// A named load shape before overrides: the executor kind and its numbers. <see cref="Stages"/> targets are VUs for
/// <c>ramping-vus</c> and iterations per second for <c>ramping-arrival-rate</c>. The k6 helper module carries the
/// same definitions as JSON (written from this type), so both sides resolve a profile identically.
/// </summary>
public sealed record LoadProfile(string Name, string Executor, ProfileLimits Limits)
{
    public string Description { get; init; } = "";
    /// <summary>constant-vus: the VUs; arrival rate: the pre-allocated VUs.</summary>
    public int Vus { get; init; }
    /// <summary>constant-vus: how long.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>ramping-vus: startVUs; ramping-arrival-rate: startRate.</summary>
    public int Start { get; init; }
    public IReadOnlyList<Stage> Stages { get; init; } = [];
    /// <summary>ramping-arrival-rate: maxVUs.</summary>
    public int MaxVus { get; init; }

    /// <summary>Total run time before time scaling.</summary>
    public TimeSpan TotalDuration => Executor == "constant-vus"
        ? Duration
        : TimeSpan.FromTicks(Stages.Sum(s => s.Duration.Ticks));

    /// <summary>Highest VU (or rate) target.</summary>
    public int Peak => Executor == "constant-vus" ? Vus : Math.Max(Start, Stages.Count == 0 ? 0 : Stages.Max(s => s.Target));
}
