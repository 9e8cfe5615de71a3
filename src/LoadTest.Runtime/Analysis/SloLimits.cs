namespace LoadTest.Runtime.Analysis;

/// <summary>The service-level objectives the run is judged against (defaults follow the product story's thresholds).</summary>
public sealed record SloLimits(double P95Ms = 800, double P99Ms = 2000, double ErrorRate = 0.05)
{
    public static SloLimits Default { get; } = new();
}
