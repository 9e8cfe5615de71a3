using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>Builds time series of servers whose capacity is known, so the analysis can be checked against the truth.</summary>
public static class SyntheticRuns
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A closed-model run (no think time) against a server with <paramref name="servers"/> workers (e.g. a DB pool)
    /// each taking <paramref name="serviceMs"/>: throughput X = min(N/S, c/S), response time R = max(S, N·S/c).
    /// VUs follow <paramref name="vusAt"/> second by second.
    /// </summary>
    public static RunTimeSeries PoolServer(int servers, double serviceMs, int seconds, Func<int, int> vusAt, int seed = 7,
        Func<int, bool>? droppedAt = null, string name = "GET /api/orders/:id", string method = "GET")
    {
        var random = new Random(seed);
        var capacity = servers * 1000.0 / serviceMs;
        var windows = new List<TimeWindow>();
        for (var t = 0; t < seconds; t++)
        {
            var vus = vusAt(t);
            var rps = Math.Min(vus * 1000.0 / serviceMs, capacity);
            var responseMs = Math.Max(serviceMs, vus * 1000.0 / capacity);
            var requests = (long)Math.Round(rps);
            var histogram = new LatencyHistogram();
            for (var i = 0; i < requests; i++)
            {
                histogram.RecordMilliseconds(responseMs * (0.9 + 0.2 * random.NextDouble()));
            }
            var dropped = droppedAt?.Invoke(t) == true ? 5 : 0;
            List<SeriesWindow> series = requests > 0 ? [new SeriesWindow(name, method, requests, 0, histogram)] : [];
            windows.Add(new TimeWindow(Start.AddSeconds(t), 1, vus, vus, requests, dropped, null, series));
        }
        return new RunTimeSeries(Start, windows, []);
    }

    /// <summary>A linear ramp from <paramref name="from"/> to <paramref name="to"/> VUs over <paramref name="seconds"/>.</summary>
    public static Func<int, int> Ramp(int from, int to, int seconds) => t => from + (int)Math.Round((to - from) * Math.Min(1.0, t / (double)Math.Max(1, seconds - 1)));

    /// <summary>One window with given totals and a latency around <paramref name="latencyMs"/>.</summary>
    public static TimeWindow Window(int second, int vus, long requests, long failed, double latencyMs, string name = "GET /x", string method = "GET")
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < requests; i++) histogram.RecordMilliseconds(latencyMs * (0.95 + 0.1 * (i % 10) / 10.0));
        return new TimeWindow(Start.AddSeconds(second), 1, vus, vus, requests, 0, null, [new SeriesWindow(name, method, requests, failed, histogram)]);
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lt-analysis-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
