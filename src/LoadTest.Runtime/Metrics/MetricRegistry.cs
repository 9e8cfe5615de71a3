using System.Collections.Concurrent;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Metrics;

/// <summary>One metric of the run: its definition, its aggregate and the sub-metrics thresholds asked for.</summary>
public sealed class Metric
{
    internal Metric(MetricDefinition definition)
    {
        Definition = definition;
        Sink = MetricSinks.Create(definition.Kind);
    }

    public MetricDefinition Definition { get; }

    public MetricSink Sink { get; }

    internal List<SubMetric> SubMetrics { get; } = [];

    public IReadOnlyList<SubMetric> SubMetricList => SubMetrics;
}

/// <summary>A k6 sub-metric: the samples of a metric whose tags match a filter.</summary>
public sealed class SubMetric(MetricSelector selector, MetricSink sink)
{
    public MetricSelector Selector { get; } = selector;

    public MetricSink Sink { get; } = sink;
}

/// <summary>
/// A pre-resolved (metric, tag set) series: the sinks a sample goes to (the metric and every matching sub-metric).
/// Resolving costs a dictionary lookup; recording through the handle allocates nothing.
/// </summary>
public sealed class SeriesHandle(MetricSink[] sinks)
{
    public void Record(double value)
    {
        foreach (var sink in sinks)
        {
            sink.Record(value);
        }
    }
}

internal static class MetricSinks
{
    public static MetricSink Create(MetricKind kind) => kind switch
    {
        MetricKind.Counter => new CounterSink(),
        MetricKind.Gauge => new GaugeSink(),
        MetricKind.Rate => new RateSink(),
        _ => new TrendSink(),
    };
}

/// <summary>All metrics of one run. Thread-safe.</summary>
public sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Metric, TagSet Tags), SeriesHandle> _series = new();
    private readonly Dictionary<string, List<MetricSelector>> _declaredSubMetrics = new(StringComparer.Ordinal);
    private readonly Lock _declareLock = new();

    public MetricRegistry()
    {
        foreach (var builtIn in BuiltInMetrics.All)
        {
            GetOrAdd(builtIn);
        }
    }

    /// <summary>Declares a sub-metric (from a threshold key) before samples arrive.</summary>
    public void DeclareSubMetric(MetricSelector selector)
    {
        if (!selector.IsSubMetric) return;
        lock (_declareLock)
        {
            if (!_declaredSubMetrics.TryGetValue(selector.Metric, out var list))
            {
                _declaredSubMetrics[selector.Metric] = list = [];
            }
            if (list.All(s => s.Key != selector.Key)) list.Add(selector);
            if (_metrics.TryGetValue(selector.Metric, out var metric)) AttachSubMetrics(metric);
        }
    }

    public Metric GetOrAdd(MetricDefinition definition)
    {
        if (_metrics.TryGetValue(definition.Name, out var existing))
        {
            EnsureSameKind(existing, definition);
            return existing;
        }
        lock (_declareLock)
        {
            var metric = _metrics.GetOrAdd(definition.Name, _ => new Metric(definition));
            EnsureSameKind(metric, definition);
            AttachSubMetrics(metric);
            return metric;
        }
    }

    public Metric? Find(string name) => _metrics.GetValueOrDefault(name);

    public IEnumerable<Metric> All => _metrics.Values.OrderBy(m => m.Definition.Name, StringComparer.Ordinal);

    /// <summary>The handle for samples of <paramref name="definition"/> with <paramref name="tags"/>; cache it.</summary>
    public SeriesHandle Resolve(MetricDefinition definition, TagSet tags)
    {
        if (_series.TryGetValue((definition.Name, tags), out var handle)) return handle;
        var metric = GetOrAdd(definition);
        return _series.GetOrAdd((definition.Name, tags), _ =>
        {
            var sinks = new List<MetricSink> { metric.Sink };
            lock (_declareLock)
            {
                sinks.AddRange(metric.SubMetrics.Where(s => tags.Matches(s.Selector.Filter)).Select(s => s.Sink));
            }
            return new SeriesHandle([.. sinks]);
        });
    }

    private void AttachSubMetrics(Metric metric)
    {
        if (!_declaredSubMetrics.TryGetValue(metric.Definition.Name, out var selectors)) return;
        foreach (var selector in selectors)
        {
            if (metric.SubMetrics.Any(s => s.Selector.Key == selector.Key)) continue;
            metric.SubMetrics.Add(new SubMetric(selector, MetricSinks.Create(metric.Definition.Kind)));
        }
    }

    private static void EnsureSameKind(Metric metric, MetricDefinition definition)
    {
        if (metric.Definition.Kind != definition.Kind)
        {
            throw new LoadTestConfigurationException("LT4045",
                $"metric '{definition.Name}' is used as a {definition.Kind} but was first defined as a {metric.Definition.Kind}; give each custom metric one type and a unique name.");
        }
    }
}
