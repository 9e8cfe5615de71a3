namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// End-of-test aggregates as k6's handleSummary data (or --summary-export) carry them, normalised:
/// every metric has a type and its values; thresholds say whether they passed (already un-inverted for
/// --summary-export, where k6 writes true for a FAILED threshold).
/// </summary>
public sealed record RunSummary(double? TestRunDurationMs, IReadOnlyList<SummaryMetric> Metrics, IReadOnlyList<CheckResult> Checks)
{
    public SummaryMetric? Find(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>Why the run ended early (state.abortReason, written by the native engine: interrupted, aborted), or null.</summary>
    public string? AbortReason { get; init; }

    public double? Value(string metric, string key) =>
        Find(metric)?.Values.TryGetValue(key, out var v) == true ? v : null;
}

/// <param name="Name">Metric name as k6 writes it, including a sub-metric's tag selector, e.g. <c>http_req_duration{name:orders}</c>.</param>
/// <param name="Type">trend, rate, counter or gauge.</param>
/// <param name="Contains">time, data or default (k6's value kind).</param>
/// <param name="Values">The aggregated values, e.g. avg, p(95), rate, count.</param>
/// <param name="Thresholds">The thresholds on this metric and whether they passed.</param>
public sealed record SummaryMetric(string Name, string Type, string Contains, IReadOnlyDictionary<string, double> Values, IReadOnlyList<ThresholdResult> Thresholds);

public sealed record ThresholdResult(string Metric, string Expression, bool Ok);

public sealed record CheckResult(string Name, string Path, long Passes, long Fails);
