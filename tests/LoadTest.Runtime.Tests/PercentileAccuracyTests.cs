using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Tests;

public class PercentileAccuracyTests
{
    /// <summary>Excel PERCENTILE.INC, which k6 uses: linear interpolation at index p/100·(n−1).</summary>
    private static double PercentileInc(double[] sorted, double p)
    {
        var position = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static void AssertWithinBound(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * LatencyHistogram.RelativeErrorBound + 0.0005,
            $"expected {expected} ± {LatencyHistogram.RelativeErrorBound:P1}, got {actual}");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Trend_percentiles_match_PERCENTILE_INC_within_the_documented_bound(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 20_000)
            .Select(_ => Math.Exp(3 + random.NextDouble() * 4) * (1 + random.NextDouble())) // ~20 ms .. 2 s, skewed
            .ToArray();
        var sink = new TrendSink();
        foreach (var value in values) sink.Record(value);
        var sorted = values.Order().ToArray();
        var snapshot = sink.Snapshot();

        foreach (var p in new[] { 0, 1, 25, 50, 90, 95, 99, 99.9, 100 })
        {
            AssertWithinBound(PercentileInc(sorted, p), snapshot.Percentile(p));
        }
        Assert.Equal(values.Average(), snapshot.Avg, 6);
        Assert.Equal(sorted[0], snapshot.Min);
        Assert.Equal(sorted[^1], snapshot.Max);
    }

    [Fact]
    public void Small_samples_interpolate_like_k6()
    {
        var sink = new TrendSink();
        for (var i = 1; i <= 10; i++) sink.Record(i);

        var snapshot = sink.Snapshot();

        AssertWithinBound(9.55, snapshot.Percentile(95)); // nearest-rank would say 10
        AssertWithinBound(5.5, snapshot.Med);
        AssertWithinBound(1.9, snapshot.Percentile(10));
    }

    [Fact]
    public void Zero_durations_rank_as_zero()
    {
        var sink = new TrendSink();
        for (var i = 0; i < 90; i++) sink.Record(0);
        for (var i = 0; i < 10; i++) sink.Record(50);

        var snapshot = sink.Snapshot();

        Assert.Equal(0, snapshot.Med);
        Assert.Equal(0, snapshot.Min);
        AssertWithinBound(50, snapshot.Percentile(95));
    }

    [Fact]
    public void Stripes_written_from_many_threads_lose_no_sample()
    {
        var sink = new TrendSink();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 1; i <= 10_000; i++) sink.Record(i % 100 + 1);
        });

        var snapshot = sink.Snapshot();

        Assert.Equal(80_000, snapshot.Count);
        Assert.Equal(8 * 10_000 * 50.5, snapshot.Sum, 6);
    }
}
