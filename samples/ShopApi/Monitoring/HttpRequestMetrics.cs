using System.Collections.Concurrent;

namespace ShopApi.Monitoring;

public readonly record struct RequestKey(string Method, string Route, int Status);

public sealed record RequestStats(long Count, double DurationSecondsSum);

/// <summary>Counts requests and their total duration by method, route template and status.</summary>
public sealed class HttpRequestMetrics
{
    private readonly ConcurrentDictionary<RequestKey, Counter> counters = new();

    public void Record(string method, string route, int status, TimeSpan duration)
    {
        var counter = counters.GetOrAdd(new RequestKey(method, route, status), static _ => new Counter());
        lock (counter)
        {
            counter.Count++;
            counter.Seconds += duration.TotalSeconds;
        }
    }

    public IReadOnlyList<KeyValuePair<RequestKey, RequestStats>> Snapshot() =>
        counters
            .Select(pair =>
            {
                lock (pair.Value)
                {
                    return KeyValuePair.Create(pair.Key, new RequestStats(pair.Value.Count, pair.Value.Seconds));
                }
            })
            .OrderBy(pair => pair.Key.Route, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Method, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Status)
            .ToArray();

    private sealed class Counter
    {
        public long Count;
        public double Seconds;
    }
}
