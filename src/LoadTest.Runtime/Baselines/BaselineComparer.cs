using System.Globalization;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Compares a run's summary with a baseline summary, globally and per operation, within the noise bands of a
/// <see cref="BaselinePolicy"/>. Pure: JSON (or snapshots) in, a <see cref="BaselineComparison"/> out.
/// </summary>
public static class BaselineComparer
{
    /// <summary>Compares two k6 summary.json texts; throws <see cref="BaselineFormatException"/> (LT4071) on a malformed one.</summary>
    public static BaselineComparison Compare(string baselineSummaryJson, string currentSummaryJson, BaselinePolicy? policy = null) =>
        Compare(
            SummarySnapshotReader.Read(baselineSummaryJson, "the baseline summary"),
            SummarySnapshotReader.Read(currentSummaryJson, "the current summary"),
            policy);

    public static BaselineComparison Compare(SummarySnapshot baseline, SummarySnapshot current, BaselinePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        policy ??= BaselinePolicy.Default;

        var checks = new List<RegressionCheck>();
        checks.AddRange(CompareSeries(baseline.Global, current.Global, policy));
        foreach (var (name, before) in baseline.Operations)
        {
            if (current.Operations.TryGetValue(name, out var after)) checks.AddRange(CompareSeries(before, after, policy));
        }

        var added = current.Operations.Keys.Where(k => !baseline.Operations.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var removed = baseline.Operations.Keys.Where(k => !current.Operations.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new BaselineComparison(checks, added, removed, policy.FailOnRemovedOperations);
    }

    private static IEnumerable<RegressionCheck> CompareSeries(SeriesStats before, SeriesStats after, BaselinePolicy policy)
    {
        var operation = before.Operation;
        // Unknown counts (engine sub-metrics carry latency only) are compared; known small counts are noise.
        if (before.Requests is { } b && after.Requests is { } a && Math.Min(a, b) < policy.MinimumRequests)
        {
            yield return new RegressionCheck(operation, "samples", RegressionStatus.NotCompared, b, a, policy.MinimumRequests,
                $"not compared: too few samples on {operation} (baseline {b}, current {a} requests; at least {policy.MinimumRequests} needed on both sides)");
            yield break;
        }

        foreach (var (metric, pick) in Latencies)
        {
            if (pick(before) is { } then && pick(after) is { } now) yield return Latency(operation, metric, then, now, policy);
        }

        if (before.ErrorRate is { } errorsThen && after.ErrorRate is { } errorsNow)
        {
            var limit = errorsThen + policy.ErrorRatePoints;
            var points = (errorsNow - errorsThen) * 100;
            var status = errorsNow > limit + 1e-12 ? RegressionStatus.Regressed : RegressionStatus.Passed;
            yield return new RegressionCheck(operation, "error rate", status, errorsThen, errorsNow, limit,
                $"error rate {Signed(points, "0.##")} pp on {operation} ({Percent(errorsThen)} → {Percent(errorsNow)}{LimitText(status, Percent(limit))})");
        }

        if (policy.ThroughputDropRelative is { } drop && before.Throughput is { } rateThen && after.Throughput is { } rateNow && rateThen > 0)
        {
            var limit = rateThen * (1 - drop);
            var status = rateNow < limit ? RegressionStatus.Regressed : RegressionStatus.Passed;
            yield return new RegressionCheck(operation, "throughput", status, rateThen, rateNow, limit,
                $"throughput {Relative(rateThen, rateNow)} on {operation} ({Number(rateThen)} → {Number(rateNow)} req/s{LimitText(status, Number(limit) + " req/s")})");
        }
    }

    private static readonly (string Metric, Func<SeriesStats, double?> Pick)[] Latencies =
    [
        ("p95", s => s.P95Ms),
        ("p99", s => s.P99Ms),
        ("avg", s => s.AvgMs),
    ];

    private static RegressionCheck Latency(string operation, string metric, double then, double now, BaselinePolicy policy)
    {
        // Both margins must be exceeded: the limit is the larger of the two.
        var limit = Math.Max(then * (1 + policy.LatencyRelative), then + policy.LatencyAbsoluteMs);
        var status = now > limit ? RegressionStatus.Regressed : RegressionStatus.Passed;
        return new RegressionCheck(operation, metric, status, then, now, limit,
            $"{metric} {Relative(then, now)} on {operation} ({Number(then)} → {Number(now)} ms{LimitText(status, Number(limit) + " ms")})");
    }

    private static string LimitText(RegressionStatus status, string limit) =>
        status == RegressionStatus.Passed ? $", limit {limit}" : $", more than the limit {limit}";

    private static string Relative(double then, double now) =>
        then == 0 ? (now == 0 ? "±0%" : "new") : Signed((now - then) / then * 100, "0") + "%";

    private static string Signed(double value, string format)
    {
        var text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        return text is "0" ? "±0" : (value < 0 ? "-" : "+") + text;
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
