using HdrHistogram;

namespace LoadTest.Runtime.Metrics;

/// <summary>
/// A latency distribution in microseconds on an HDR histogram with 3 significant digits: any percentile it
/// returns is within 0.1% (relative) of a recorded value at that rank. Values are kept from 1 µs to 1 hour;
/// larger ones are clamped to the maximum so one absurd sample cannot fail a whole run.
/// Not thread-safe: one writer, or merge copies.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestTrackableMicros = 3_600_000_000L;
    public const int SignificantDigits = 3;

    /// <summary>The documented relative error bound of a percentile (10^-SignificantDigits).</summary>
    public const double RelativeErrorBound = 0.001;

    private readonly LongHistogram _histogram;

    public LatencyHistogram() => _histogram = new LongHistogram(HighestTrackableMicros, SignificantDigits);

    private LatencyHistogram(LongHistogram histogram) => _histogram = histogram;

    public long Count => _histogram.TotalCount;

    /// <summary>Records one value in milliseconds (k6's unit for time metrics).</summary>
    public void RecordMilliseconds(double milliseconds) => RecordMicros((long)Math.Round(milliseconds * 1000.0));

    public void RecordMicros(long micros) =>
        _histogram.RecordValue(Math.Clamp(micros, 1, HighestTrackableMicros));

    public void RecordMicros(long micros, long count) =>
        _histogram.RecordValueWithCount(Math.Clamp(micros, 1, HighestTrackableMicros), count);

    /// <summary>Adds every value of <paramref name="other"/> to this histogram (exact: HDR merges are lossless).</summary>
    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    public void Reset() => _histogram.Reset();

    public LatencyHistogram Copy() => new((LongHistogram)_histogram.Copy());

    /// <summary>Value at percentile <paramref name="percentile"/> (0–100) in milliseconds; 0 when empty.</summary>
    public double PercentileMilliseconds(double percentile) =>
        Count == 0 ? 0 : _histogram.HighestEquivalentValue(_histogram.GetValueAtPercentile(percentile)) / 1000.0;

    public double MinMilliseconds => Count == 0 ? 0 : _histogram.LowestEquivalentValue(MinRecordedMicros()) / 1000.0;

    public double MaxMilliseconds => Count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;

    public double MeanMilliseconds => Count == 0 ? 0 : _histogram.GetMean() / 1000.0;

    /// <summary>
    /// The recorded values as (value, count) pairs in ascending order, each value the midpoint of its HDR bucket in
    /// milliseconds (so it is within half of <see cref="RelativeErrorBound"/> of every value recorded in it).
    /// Used to interpolate percentiles the way k6 does (PERCENTILE.INC).
    /// </summary>
    public IEnumerable<(double Milliseconds, long Count)> Distribution()
    {
        foreach (var value in _histogram.RecordedValues())
        {
            yield return (_histogram.MedianEquivalentValue(value.ValueIteratedTo) / 1000.0, value.CountAtValueIteratedTo);
        }
    }

    private long MinRecordedMicros()
    {
        foreach (var value in _histogram.RecordedValues())
        {
            return value.ValueIteratedTo;
        }
        return 0;
    }

    /// <summary>
    /// Base64 of the recorded buckets as varint pairs (value delta in µs, count). Lossless for this histogram's buckets
    /// and far cheaper than HDR's deflated V2 format, which took milliseconds per mostly empty one-second window.
    /// </summary>
    public string ToBase64()
    {
        var buffer = new List<byte>(64);
        long previous = 0;
        foreach (var bucket in _histogram.RecordedValues())
        {
            WriteVarint(buffer, (ulong)(bucket.ValueIteratedTo - previous));
            WriteVarint(buffer, (ulong)bucket.CountAtValueIteratedTo);
            previous = bucket.ValueIteratedTo;
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    public static LatencyHistogram FromBase64(string encoded)
    {
        var bytes = Convert.FromBase64String(encoded);
        var histogram = new LatencyHistogram();
        long value = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            value += (long)ReadVarint(bytes, ref position);
            var count = (long)ReadVarint(bytes, ref position);
            histogram.RecordMicros(value, count);
        }
        return histogram;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new FormatException("Truncated latency histogram encoding.");
            }
            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new FormatException("Malformed latency histogram encoding.");
    }
}
