using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>The API's behaviour at one concurrency level (windows with about the same VU count, merged).</summary>
public sealed record LoadPoint(double Vus, double Rps, double P50Ms, double P95Ms, double P99Ms, double ErrorRate, long Requests, double Seconds, bool Trusted, DateTimeOffset FirstSeen)
{
    /// <summary>Iterations completed per second at this level (all scenarios).</summary>
    public double IterationsPerSecond { get; init; }
}

/// <summary>
/// Groups the windows of the rising and holding part of the run by VU level. The ramp-down is left out: it
/// shows recovery, not capacity. Levels are geometric VU bins so a smooth ramp gives a curve.
/// </summary>
public static class LoadPoints
{
    public const double LevelRatio = 1.06;

    public static IReadOnlyList<LoadPoint> Build(RunTimeSeries series, Func<SeriesWindow, bool>? seriesFilter = null)
    {
        if (series.Windows.Count == 0) return [];
        var stages = StageDetector.Stages(series);
        // After the planned stages the VUs are being stopped (gracefulStop): that is winding down, not a load level.
        var planEnd = series.Stages.Count > 0 ? series.Stages.Max(s => s.End) : DateTimeOffset.MaxValue;
        var rising = series.Windows
            .Where(w => w.Vus > 0 && w.Start < planEnd && !stages.Any(s => s.Kind == StageKind.RampDown && w.Start >= s.Start && w.Start < s.End))
            .ToList();
        if (rising.Count == 0) return [];
        // Geometric bins (each about 6 % wider than the last): single VU counts at low load, where the curve
        // bends, and at most ~70 levels from 1 to 500 VUs.
        return rising
            .GroupBy(w => (int)Math.Floor(Math.Log(w.Vus) / Math.Log(LevelRatio)))
            .Select(group =>
            {
                var windows = group.ToList();
                var a = WindowAggregate.Of(windows, seriesFilter);
                var vus = windows.Sum(w => w.Vus * w.Seconds) / Math.Max(windows.Sum(w => w.Seconds), 1e-9);
                return new LoadPoint(vus, a.Rps, a.P50, a.P95, a.P99, a.ErrorRate, a.Requests, a.Seconds, a.Trusted, windows.Min(w => w.Start))
                {
                    IterationsPerSecond = a.IterationsPerSecond,
                };
            })
            .Where(p => p.Requests > 0)
            .OrderBy(p => p.Vus)
            .ToList();
    }
}
