using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Distributed;

/// <summary>The merged end-of-run summary and what could only be approximated.</summary>
/// <param name="Summary">k6-shaped summary of all instances, with thresholds judged on the merged values.</param>
/// <param name="Approximated">Metric keys whose values are bounds, not exact (see docs/distributed.md).</param>
public sealed record MergedSummary(EndOfRunSummary Summary, IReadOnlyList<string> Approximated);

/// <summary>
/// Merges instance summaries: counters and rate passes/fails add up and their rates are recomputed; trends of
/// <c>http_req_duration</c> (whole, or by <c>name</c>/<c>method</c> tag) are recomputed from the merged HDR
/// histograms of the time series when every instance has one; other trends keep exact min/max and give the
/// instances' highest value for avg and percentiles (an upper bound, listed as approximated).
/// </summary>
public static class SummaryMerge
{
    private const string DurationMetric = "http_req_duration";

    /// <param name="summaries">One per instance.</param>
    /// <param name="series">The instances' time series in the same order, or null when some instance has none.</param>
    /// <param name="start">Start of the earliest instance.</param>
    /// <param name="planName">Name for the merged run.</param>
    public static MergedSummary Merge(IReadOnlyList<InstanceSummary> summaries, IReadOnlyList<RunTimeSeries>? series, DateTimeOffset start, string planName)
    {
        var duration = summaries.Count == 0 ? TimeSpan.Zero : summaries.Max(s => s.Duration);
        var trendStats = summaries.SelectMany(s => s.TrendStats).Distinct(StringComparer.Ordinal).ToArray();
        var approximated = new List<string>();
        var metrics = new List<MetricSummary>();
        foreach (var group in summaries.SelectMany(s => s.Metrics).GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var parts = group.ToArray();
            // Histograms pair with summaries only when every instance reports this metric.
            var histogram = series is null || parts.Length != series.Count ? null : DurationHistograms(group.Key, series);
            var (values, exact) = parts[0].Kind switch
            {
                MetricKind.Counter => (Counter(parts, duration), true),
                MetricKind.Rate => (Rate(parts), true),
                MetricKind.Gauge => Gauge(parts),
                _ => histogram is not null ? (Trend(parts, histogram.Value, trendStats), true) : (TrendBound(parts, trendStats), false),
            };
            if (!exact) approximated.Add(group.Key);
            var thresholds = parts.SelectMany(p => p.Thresholds).Distinct(StringComparer.Ordinal)
                .Select(expression => Judge(group.Key, parts[0].Kind, expression, values, histogram))
                .ToArray();
            metrics.Add(new MetricSummary(group.Key, parts[0].Kind, parts[0].Contains, values, thresholds));
        }
        var checks = summaries.SelectMany(s => s.Checks)
            .GroupBy(c => (c.GroupPath, c.Name))
            .Select(g => new CheckSummary(g.Key.GroupPath, g.Key.Name, g.Sum(c => c.Passes), g.Sum(c => c.Fails)))
            .ToArray();
        var groups = summaries.SelectMany(s => s.Groups).Distinct(StringComparer.Ordinal).ToArray();
        var summary = new EndOfRunSummary(planName, start, duration, trendStats, metrics, checks, groups, Aborted: false, AbortReason: null);
        return new MergedSummary(summary, approximated);
    }

    private static List<KeyValuePair<string, double>> Counter(InstanceMetric[] parts, TimeSpan duration)
    {
        var count = parts.Sum(p => p.Values.GetValueOrDefault("count"));
        return [new("count", count), new("rate", count / Math.Max(duration.TotalSeconds, 1e-9))];
    }

    private static List<KeyValuePair<string, double>> Rate(InstanceMetric[] parts)
    {
        var passes = parts.Sum(p => p.Values.GetValueOrDefault("passes"));
        var fails = parts.Sum(p => p.Values.GetValueOrDefault("fails"));
        return [new("rate", passes + fails == 0 ? 0 : passes / (passes + fails)), new("passes", passes), new("fails", fails)];
    }

    // VU gauges of instances running side by side add up; any other gauge has no meaningful sum.
    private static (List<KeyValuePair<string, double>>, bool) Gauge(InstanceMetric[] parts)
    {
        var additive = parts[0].Key is "vus" or "vus_max";
        double Sum(string name) => parts.Sum(p => p.Values.GetValueOrDefault(name));
        return additive
            ? ([new("value", Sum("value")), new("min", Sum("min")), new("max", Sum("max"))], true)
            : ([new("value", parts.Max(p => p.Values.GetValueOrDefault("value"))),
                new("min", parts.Min(p => p.Values.GetValueOrDefault("min"))),
                new("max", parts.Max(p => p.Values.GetValueOrDefault("max")))], false);
    }

    private static List<KeyValuePair<string, double>> Trend(InstanceMetric[] parts, (LatencyHistogram Merged, long[] Counts) histogram, string[] stats)
    {
        // The exact sum is each instance's average times its own sample count.
        var sum = 0.0;
        for (var i = 0; i < parts.Length && i < histogram.Counts.Length; i++)
        {
            sum += parts[i].Values.GetValueOrDefault("avg") * histogram.Counts[i];
        }
        var merged = histogram.Merged;
        var withSamples = parts.Where((_, i) => i < histogram.Counts.Length && histogram.Counts[i] > 0).ToArray();
        var min = withSamples.Length > 0 && withSamples.All(p => p.Values.ContainsKey("min")) ? withSamples.Min(p => p.Values["min"]) : merged.MinMilliseconds;
        var max = withSamples.Length > 0 && withSamples.All(p => p.Values.ContainsKey("max")) ? withSamples.Max(p => p.Values["max"]) : merged.MaxMilliseconds;
        var snapshot = new TrendSnapshot(merged.Count, sum, min, max, 0, merged);
        return stats.Select(stat => new KeyValuePair<string, double>(stat, MetricValues.TrendStat(snapshot, stat))).ToList();
    }

    private static List<KeyValuePair<string, double>> TrendBound(InstanceMetric[] parts, string[] stats) =>
        stats.Select(stat => new KeyValuePair<string, double>(stat, stat == "min"
            ? parts.Min(p => p.Values.GetValueOrDefault("min"))
            : parts.Max(p => p.Values.GetValueOrDefault(stat)))).ToList();

    /// <summary>
    /// The merged histogram (and each instance's sample count) for <c>http_req_duration</c> or its sub-metric on
    /// the <c>name</c> and/or <c>method</c> tags; null for any other metric.
    /// </summary>
    private static (LatencyHistogram Merged, long[] Counts)? DurationHistograms(string key, IReadOnlyList<RunTimeSeries> series)
    {
        Func<SeriesWindow, bool>? include = null;
        if (key == DurationMetric) include = _ => true;
        else if (key.StartsWith(DurationMetric + "{", StringComparison.Ordinal) && key.EndsWith('}'))
        {
            string? name = null, method = null;
            foreach (var tag in key[(DurationMetric.Length + 1)..^1].Split(','))
            {
                var colon = tag.IndexOf(':');
                if (colon < 0) return null;
                var (tagName, value) = (tag[..colon].Trim(), tag[(colon + 1)..].Trim());
                if (tagName == "name") name = value;
                else if (tagName == "method") method = value;
                else return null;
            }
            include = s => (name is null || s.Name == name) && (method is null || s.Method == method);
        }
        if (include is null) return null;
        var merged = new LatencyHistogram();
        var counts = new long[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var histogram = TimeSeriesMerge.Durations(series[i], include);
            counts[i] = histogram.Count;
            merged.Add(histogram);
        }
        return (merged, counts);
    }

    private static ThresholdOutcome Judge(string metric, MetricKind kind, string source, IReadOnlyList<KeyValuePair<string, double>> values,
        (LatencyHistogram Merged, long[] Counts)? histogram)
    {
        if (!ThresholdExpression.TryParse(source, out var expression, out _, out var problem))
        {
            return new ThresholdOutcome(metric, source, false, null) { Error = problem };
        }
        var outcome = new ThresholdOutcome(metric, source, false, null)
        {
            Aggregation = expression!.AggregationName,
            IsTime = kind == MetricKind.Trend && metric.StartsWith("http_req_", StringComparison.Ordinal),
        };
        if (expression.IncompatibilityWith(kind) is { } incompatible) return outcome with { Error = incompatible };
        var name = expression.Aggregation == ThresholdAggregation.Med ? "med" : expression.AggregationName;
        double? observed = values.Where(v => v.Key == name).Select(v => (double?)v.Value).FirstOrDefault();
        if (observed is null && expression.Aggregation == ThresholdAggregation.Med && values.Any(v => v.Key == "p(50)"))
        {
            observed = values.First(v => v.Key == "p(50)").Value;
        }
        if (observed is null && expression.Aggregation == ThresholdAggregation.Percentile && histogram is { } h && h.Merged.Count > 0)
        {
            var min = values.Where(v => v.Key == "min").Select(v => v.Value).DefaultIfEmpty(h.Merged.MinMilliseconds).First();
            var max = values.Where(v => v.Key == "max").Select(v => v.Value).DefaultIfEmpty(h.Merged.MaxMilliseconds).First();
            observed = new TrendSnapshot(h.Merged.Count, 0, min, max, 0, h.Merged).Percentile(expression.Percentile!.Value);
        }
        if (observed is null)
        {
            return outcome with { Error = $"'{expression.AggregationName}' of {metric} is not in the instances' summaries (add it to summaryTrendStats)" };
        }
        return outcome with { Observed = observed, Passed = expression.IsSatisfiedBy(observed.Value) };
    }
}
