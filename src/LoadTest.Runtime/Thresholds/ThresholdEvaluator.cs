using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Thresholds;

/// <summary>A threshold bound to its metric selector and parsed expression.</summary>
public sealed record CompiledThreshold(MetricSelector Selector, ThresholdSpec Spec, ThresholdExpression Expression);

/// <summary>
/// Compiles a plan's thresholds (rejecting bad ones before the run starts, like k6) and evaluates them against the
/// run's metrics, during the run (abortOnFail) and at the end.
/// </summary>
public sealed class ThresholdEvaluator
{
    private readonly MetricRegistry _registry;

    private ThresholdEvaluator(MetricRegistry registry, IReadOnlyList<CompiledThreshold> thresholds)
    {
        _registry = registry;
        Thresholds = thresholds;
    }

    public IReadOnlyList<CompiledThreshold> Thresholds { get; }

    /// <summary>Parses every threshold, declares the sub-metrics they need; throws LT4040-LT4044 on a bad one.</summary>
    public static ThresholdEvaluator Compile(
        IReadOnlyDictionary<string, IReadOnlyList<ThresholdSpec>> thresholds, MetricRegistry registry)
    {
        var compiled = new List<CompiledThreshold>();
        foreach (var (key, specs) in thresholds)
        {
            var selector = MetricSelector.Parse(key);
            foreach (var spec in specs)
            {
                var expression = ThresholdExpression.Parse(spec.Expression, key);
                // Built-in metrics have a known type now; custom ones are checked when their first sample defines it.
                var known = registry.Find(selector.Metric)?.Definition ?? BuiltInMetrics.Find(selector.Metric);
                if (known is not null && expression.IncompatibilityWith(known.Kind) is { } problem)
                {
                    throw new LoadTestConfigurationException("LT4042", $"invalid threshold '{spec.Expression}' on '{key}': {problem}.");
                }
                if (spec.DelayAbortEval < TimeSpan.Zero)
                {
                    throw new LoadTestConfigurationException("LT4046", $"threshold '{spec.Expression}' on '{key}': delayAbortEval must not be negative.");
                }
                registry.DeclareSubMetric(selector);
                compiled.Add(new CompiledThreshold(selector, spec, expression));
            }
        }
        return new ThresholdEvaluator(registry, compiled);
    }

    /// <summary>Evaluates the given thresholds. <paramref name="elapsed"/> is the run time used for counter rates.</summary>
    public IReadOnlyList<ThresholdOutcome> Evaluate(IEnumerable<CompiledThreshold> thresholds, TimeSpan elapsed)
    {
        var trendCache = new Dictionary<TrendSink, TrendSnapshot>(ReferenceEqualityComparer.Instance);
        return thresholds.Select(t => Evaluate(t, elapsed, trendCache)).ToList();
    }

    public IReadOnlyList<ThresholdOutcome> EvaluateAll(TimeSpan elapsed) => Evaluate(Thresholds, elapsed);

    private ThresholdOutcome Evaluate(CompiledThreshold threshold, TimeSpan elapsed, Dictionary<TrendSink, TrendSnapshot> trendCache)
    {
        var expression = threshold.Expression;
        var outcome = new ThresholdOutcome(threshold.Selector.Key, threshold.Spec.Expression, true, null)
        {
            Aggregation = expression.AggregationName,
            AbortOnFail = threshold.Spec.AbortOnFail,
        };
        var metric = _registry.Find(threshold.Selector.Metric);
        if (metric is null) return outcome; // never sampled: k6 passes thresholds of metrics without samples
        if (expression.IncompatibilityWith(metric.Definition.Kind) is { } problem)
        {
            return outcome with { Passed = false, Error = problem };
        }
        var sink = threshold.Selector.IsSubMetric
            ? metric.SubMetricList.FirstOrDefault(s => s.Selector.Key == threshold.Selector.Key)?.Sink
            : metric.Sink;
        if (sink is null || sink.SampleCount == 0) return outcome with { IsTime = metric.Definition.Contains == "time" };

        var observed = Observe(sink, expression, elapsed, trendCache);
        return outcome with
        {
            Observed = observed,
            Passed = expression.IsSatisfiedBy(observed),
            IsTime = metric.Definition.Contains == "time",
        };
    }

    private static double Observe(MetricSink sink, ThresholdExpression expression, TimeSpan elapsed, Dictionary<TrendSink, TrendSnapshot> trendCache)
    {
        switch (sink)
        {
            case TrendSink trend:
                if (!trendCache.TryGetValue(trend, out var snapshot))
                {
                    trendCache[trend] = snapshot = trend.Snapshot();
                }
                return expression.Aggregation switch
                {
                    ThresholdAggregation.Avg => snapshot.Avg,
                    ThresholdAggregation.Min => snapshot.Min,
                    ThresholdAggregation.Max => snapshot.Max,
                    ThresholdAggregation.Med => snapshot.Med,
                    _ => snapshot.Percentile(expression.Percentile ?? 50),
                };
            case RateSink rate:
                return rate.Rate;
            case CounterSink counter:
                return expression.Aggregation == ThresholdAggregation.Count
                    ? counter.Sum
                    : counter.Sum / Math.Max(elapsed.TotalSeconds, 1e-9);
            case GaugeSink gauge:
                return gauge.Snapshot().Value;
            default:
                return double.NaN;
        }
    }
}
