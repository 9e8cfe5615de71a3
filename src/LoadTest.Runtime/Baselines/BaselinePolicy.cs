namespace LoadTest.Runtime.Baselines;

/// <summary>
/// How much change counts as a regression. Latency must grow by both the relative AND the absolute margin, so a
/// 2 ms endpoint that becomes 3 ms (+50%) is noise, and so is a 2 s endpoint that gains 15 ms.
/// </summary>
public sealed record BaselinePolicy
{
    /// <summary>Latency (p95, p99, avg) may grow by this fraction (0.20 = +20%)...</summary>
    public double LatencyRelative { get; init; } = 0.20;

    /// <summary>...and a regression also needs at least this many milliseconds more.</summary>
    public double LatencyAbsoluteMs { get; init; } = 10;

    /// <summary>Error rate may grow by this many percentage points as a fraction (0.01 = +1 pp).</summary>
    public double ErrorRatePoints { get; init; } = 0.01;

    /// <summary>Throughput may fall by this fraction (0.20 = -20%); null turns the throughput check off.</summary>
    public double? ThroughputDropRelative { get; init; } = 0.20;

    /// <summary>A series with fewer requests than this on either side is not compared (reported as too few samples).</summary>
    public long MinimumRequests { get; init; } = 100;

    /// <summary>Fail when an operation of the baseline is missing from the current run (renamed or removed endpoint).</summary>
    public bool FailOnRemovedOperations { get; init; }

    public static BaselinePolicy Default { get; } = new();
}
