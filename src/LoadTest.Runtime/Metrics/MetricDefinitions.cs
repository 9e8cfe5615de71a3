namespace LoadTest.Runtime.Metrics;

/// <summary>k6 metric types.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Rate,
    Trend,
}

/// <summary>A metric declared once (k6 <c>new Trend(...)</c> etc.); samples are recorded through a <see cref="Execution.VirtualUser"/>.</summary>
public abstract record MetricDefinition(string Name)
{
    public abstract MetricKind Kind { get; }

    /// <summary>k6 <c>contains</c>: "time" for durations in milliseconds, "data" for bytes, else "default".</summary>
    public virtual string Contains => "default";
}

/// <summary>k6 Trend: a distribution (avg, min, med, max, p(N)). <paramref name="IsTime"/> marks milliseconds.</summary>
public sealed record TrendMetric(string Name, bool IsTime = true) : MetricDefinition(Name)
{
    public override MetricKind Kind => MetricKind.Trend;
    public override string Contains => IsTime ? "time" : "default";
}

/// <summary>k6 Rate: the share of non-zero (true) samples.</summary>
public sealed record RateMetric(string Name) : MetricDefinition(Name)
{
    public override MetricKind Kind => MetricKind.Rate;
}

/// <summary>k6 Counter: a cumulative sum (count) and its rate per second.</summary>
public sealed record CounterMetric(string Name, bool IsData = false) : MetricDefinition(Name)
{
    public override MetricKind Kind => MetricKind.Counter;
    public override string Contains => IsData ? "data" : "default";
}

/// <summary>k6 Gauge: the last value, with min and max.</summary>
public sealed record GaugeMetric(string Name) : MetricDefinition(Name)
{
    public override MetricKind Kind => MetricKind.Gauge;
}
