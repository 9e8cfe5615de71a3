using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>One point of the charts: a bucket of consecutive windows, placed by seconds since the run started.</summary>
public sealed record TimelinePoint(double Second, int Vus, double Rps, double P50Ms, double P95Ms, double P99Ms, double ErrorRate, bool Trusted)
{
    /// <summary>Iterations completed per second.</summary>
    public double IterationsPerSecond { get; init; }

    /// <summary>Open model: the iteration rate the schedule offered (from the stage marks); null otherwise.</summary>
    public double? OfferedRate { get; init; }
}

public sealed record EndpointTimeline(string Endpoint, IReadOnlyList<TimedValue> Points);

public sealed record TimedValue(double Second, double Value);

/// <summary>The run over time for charts, merged into at most <c>maxPoints</c> buckets so long runs stay small.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelinePoint> Build(RunTimeSeries series, int maxPoints = 300)
    {
        var result = new List<TimelinePoint>();
        foreach (var bucket in Buckets(series, maxPoints))
        {
            var a = WindowAggregate.Of(bucket);
            var mid = bucket[0].Start + (bucket[^1].Start.AddSeconds(bucket[^1].Seconds) - bucket[0].Start) / 2;
            result.Add(new TimelinePoint((bucket[0].Start - series.Start).TotalSeconds, bucket[^1].Vus, a.Rps, a.P50, a.P95, a.P99, a.ErrorRate, a.Trusted)
            {
                IterationsPerSecond = a.IterationsPerSecond,
                OfferedRate = LoadModelDetector.OfferedAt(series, mid),
            });
        }
        return result;
    }

    public static IReadOnlyList<EndpointTimeline> PerEndpoint(RunTimeSeries series, int maxPoints = 300, int maxEndpoints = 8)
    {
        var keys = series.Windows.SelectMany(w => w.Series)
            .GroupBy(s => (s.Name, s.Method))
            .OrderByDescending(g => g.Sum(s => s.Requests))
            .Take(maxEndpoints)
            .Select(g => g.Key)
            .ToList();
        var buckets = Buckets(series, maxPoints);
        return keys.Select(key => new EndpointTimeline(
                EndpointName.Of(key.Name, key.Method),
                buckets.Select(b => ((b[0].Start - series.Start).TotalSeconds, WindowAggregate.Of(b, s => s.Name == key.Name && s.Method == key.Method)))
                    .Where(x => x.Item2.Requests > 0)
                    .Select(x => new TimedValue(x.Item1, x.Item2.P99))
                    .ToList()))
            .ToList();
    }

    private static List<List<TimeWindow>> Buckets(RunTimeSeries series, int maxPoints)
    {
        var size = Math.Max(1, (int)Math.Ceiling(series.Windows.Count / (double)Math.Max(1, maxPoints)));
        return series.Windows.Select((w, i) => (w, i)).GroupBy(x => x.i / size).Select(g => g.Select(x => x.w).ToList()).ToList();
    }
}
