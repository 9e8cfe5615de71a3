using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Results;

/// <summary>The end-of-run values of one metric or sub-metric, in k6's value names.</summary>
public sealed record MetricSummary(
    string Key,
    MetricKind Kind,
    string Contains,
    IReadOnlyList<KeyValuePair<string, double>> Values,
    IReadOnlyList<ThresholdOutcome> Thresholds);

/// <summary>A check with its counts (k6 root_group checks).</summary>
public sealed record CheckSummary(string GroupPath, string Name, long Passes, long Fails);

/// <summary>Everything the summary writers need, taken once at the end of the run.</summary>
public sealed record EndOfRunSummary(
    string PlanName,
    DateTimeOffset Start,
    TimeSpan Duration,
    IReadOnlyList<string> SummaryTrendStats,
    IReadOnlyList<MetricSummary> Metrics,
    IReadOnlyList<CheckSummary> Checks,
    IReadOnlyList<string> Groups,
    bool Aborted,
    string? AbortReason);

/// <summary>Turns sinks into k6 summary values.</summary>
public static class MetricValues
{
    public static IReadOnlyList<KeyValuePair<string, double>> Of(MetricSink sink, IReadOnlyList<string> trendStats, TimeSpan duration)
    {
        var seconds = Math.Max(duration.TotalSeconds, 1e-9);
        switch (sink)
        {
            case TrendSink trend:
                var snapshot = trend.Snapshot();
                return trendStats.Select(stat => new KeyValuePair<string, double>(stat, TrendStat(snapshot, stat))).ToList();
            case RateSink rate:
                return [new("rate", rate.Rate), new("passes", rate.Passes), new("fails", rate.Fails)];
            case CounterSink counter:
                return [new("count", counter.Sum), new("rate", counter.Sum / seconds)];
            case GaugeSink gauge:
                var (value, min, max) = gauge.Snapshot();
                return [new("value", value), new("min", min), new("max", max)];
            default:
                return [];
        }
    }

    /// <summary>A summaryTrendStats entry: avg, min, med, max, count or p(N).</summary>
    public static double TrendStat(TrendSnapshot snapshot, string stat) => stat switch
    {
        "avg" => snapshot.Avg,
        "min" => snapshot.Min,
        "max" => snapshot.Max,
        "med" => snapshot.Med,
        "count" => snapshot.Count,
        _ when stat.StartsWith("p(", StringComparison.Ordinal) && stat.EndsWith(')')
               && double.TryParse(stat[2..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p)
            => snapshot.Percentile(p),
        _ => 0,
    };
}
