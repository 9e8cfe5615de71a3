namespace LoadTest.Runtime.Metrics;

/// <summary>
/// k6 Trend aggregation. Exact count, sum, min and max; percentiles from HDR histograms (see
/// <see cref="TrendSnapshot.Percentile"/> for the error bound). Writers are spread over stripes by thread id so
/// that two cores rarely contend for the same lock; a snapshot merges the stripes (HDR merges are exact).
/// </summary>
public sealed class TrendSink : MetricSink
{
    private static readonly int StripeCount = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly Stripe[] _stripes;

    public TrendSink()
    {
        _stripes = new Stripe[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    public override void Record(double value)
    {
        var stripe = _stripes[(uint)Environment.CurrentManagedThreadId % (uint)_stripes.Length];
        lock (stripe.Lock)
        {
            stripe.Add(value);
        }
    }

    public override long SampleCount
    {
        get
        {
            long total = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe.Lock) total += stripe.Count;
            }
            return total;
        }
    }

    public TrendSnapshot Snapshot() => Collect(reset: false);

    /// <summary>Takes the values recorded so far and starts empty again (used for per-second windows).</summary>
    public TrendSnapshot TakeAndReset() => Collect(reset: true);

    private TrendSnapshot Collect(bool reset)
    {
        var merged = new Stripe();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                merged.Merge(stripe);
                if (reset) stripe.Clear();
            }
        }
        return new TrendSnapshot(merged.Count, merged.Sum, merged.Count == 0 ? 0 : merged.Min,
            merged.Count == 0 ? 0 : merged.Max, merged.NonPositive, merged.Histogram);
    }

    private sealed class Stripe
    {
        public readonly Lock Lock = new();
        public readonly LatencyHistogram Histogram = new();
        public long Count;
        public long NonPositive;
        public double Sum;
        public double Min = double.PositiveInfinity;
        public double Max = double.NegativeInfinity;

        public void Add(double value)
        {
            Count++;
            Sum += value;
            if (value < Min) Min = value;
            if (value > Max) Max = value;
            // HDR cannot hold 0 (reused connections have connecting = 0): count those apart so percentiles stay 0.
            if (value <= 0) NonPositive++;
            else Histogram.RecordMilliseconds(value);
        }

        public void Merge(Stripe other)
        {
            if (other.Count == 0) return;
            Count += other.Count;
            NonPositive += other.NonPositive;
            Sum += other.Sum;
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
            Histogram.Add(other.Histogram);
        }

        public void Clear()
        {
            Count = 0;
            NonPositive = 0;
            Sum = 0;
            Min = double.PositiveInfinity;
            Max = double.NegativeInfinity;
            Histogram.Reset();
        }
    }
}

/// <summary>A point-in-time copy of a trend.</summary>
/// <param name="Count">Samples.</param>
/// <param name="Sum">Exact sum.</param>
/// <param name="Min">Exact minimum.</param>
/// <param name="Max">Exact maximum.</param>
/// <param name="Histogram">The positive samples.</param>
/// <param name="NonPositive">Samples &lt;= 0, kept out of the histogram and ranked first with value 0 (or Min if negative).</param>
public sealed record TrendSnapshot(long Count, double Sum, double Min, double Max, long NonPositive, LatencyHistogram Histogram)
{
    public double Avg => Count == 0 ? 0 : Sum / Count;

    public double Med => Percentile(50);

    /// <summary>
    /// k6's percentile: linear interpolation at rank p/100·(n−1) (Excel PERCENTILE.INC). The ranked values come
    /// from the HDR histogram, so the result is within <see cref="LatencyHistogram.RelativeErrorBound"/> (relative)
    /// plus 0.0005 ms (the microsecond rounding) of the exact value. The lowest and highest ranks are exact.
    /// </summary>
    public double Percentile(double percentile)
    {
        if (Count == 0) return 0;
        var position = Math.Clamp(percentile, 0, 100) / 100.0 * (Count - 1);
        var lowRank = (long)Math.Floor(position);
        var highRank = (long)Math.Ceiling(position);
        var low = ValueAtRank(lowRank);
        var high = highRank == lowRank ? low : ValueAtRank(highRank);
        return low + (position - lowRank) * (high - low);
    }

    private double ValueAtRank(long rank)
    {
        if (rank <= 0) return Min;
        if (rank >= Count - 1) return Max;
        if (rank < NonPositive) return Math.Min(0, Max);
        long seen = NonPositive;
        foreach (var (value, count) in Histogram.Distribution())
        {
            seen += count;
            if (rank < seen) return Math.Clamp(value, Min, Max);
        }
        return Max;
    }
}
