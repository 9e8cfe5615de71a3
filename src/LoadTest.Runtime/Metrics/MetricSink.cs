namespace LoadTest.Runtime.Metrics;

/// <summary>
/// Aggregates the samples of one metric or sub-metric. Recording is allocation-free and safe from any thread:
/// counters use interlocked operations, trends are striped by thread so writers rarely meet on a lock.
/// </summary>
public abstract class MetricSink
{
    public abstract void Record(double value);

    public abstract long SampleCount { get; }
}

/// <summary>k6 Counter aggregation: sum of values.</summary>
public sealed class CounterSink : MetricSink
{
    private long _bits; // a double stored as bits so it can be updated with CompareExchange
    private long _samples;

    public override void Record(double value)
    {
        Interlocked.Increment(ref _samples);
        while (true)
        {
            var current = Interlocked.Read(ref _bits);
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            if (Interlocked.CompareExchange(ref _bits, next, current) == current) return;
        }
    }

    public double Sum => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

    public override long SampleCount => Interlocked.Read(ref _samples);
}

/// <summary>k6 Rate aggregation: non-zero samples over all samples.</summary>
public sealed class RateSink : MetricSink
{
    private long _passes;
    private long _total;

    public override void Record(double value)
    {
        if (value != 0) Interlocked.Increment(ref _passes);
        Interlocked.Increment(ref _total);
    }

    public long Passes => Interlocked.Read(ref _passes);

    public long Total => Interlocked.Read(ref _total);

    public long Fails => Total - Passes;

    public double Rate => Total == 0 ? 0 : (double)Passes / Total;

    public override long SampleCount => Total;
}

/// <summary>k6 Gauge aggregation: last value, min, max.</summary>
public sealed class GaugeSink : MetricSink
{
    private readonly Lock _lock = new();
    private double _value;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private long _samples;

    public override void Record(double value)
    {
        lock (_lock)
        {
            _value = value;
            if (value < _min) _min = value;
            if (value > _max) _max = value;
            _samples++;
        }
    }

    public (double Value, double Min, double Max) Snapshot()
    {
        lock (_lock)
        {
            return _samples == 0 ? (0, 0, 0) : (_value, _min, _max);
        }
    }

    public override long SampleCount
    {
        get { lock (_lock) return _samples; }
    }
}
