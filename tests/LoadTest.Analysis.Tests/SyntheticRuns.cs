using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>Builds time series of servers whose capacity is known, so the analysis can be checked against the truth.</summary>
internal static class SyntheticRuns
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

    /// <summary>
    /// An open-model run (ramping-arrival-rate, one request per iteration) against a server of <paramref name="servers"/>
    /// workers at <paramref name="serviceMs"/> each, capacity C = servers / S. Iterations arrive at the offered rate; what
    /// C cannot serve queues (VUs in use = in service + waiting), waits add to latency (measured from the scheduled start),
    /// and arrivals that find all <paramref name="maxVus"/> busy are dropped. The engine's stage mark says the schedule.
    /// </summary>
    public static RunTimeSeries OpenPoolServer(int servers, double serviceMs, int seconds, double startRate, double endRate, int maxVus, bool withMarks = true,
        string name = "GET /api/products", string method = "GET", int seed = 5)
    {
        var random = new Random(seed);
        var capacity = servers * 1000.0 / serviceMs;
        double queue = 0, carry = 0;
        var windows = new List<TimeWindow>();
        for (var t = 0; t < seconds; t++)
        {
            var offered = startRate + (endRate - startRate) * (t + 0.5) / seconds;
            carry += offered;
            var arrivals = (long)Math.Floor(carry);
            carry -= arrivals;
            // A VU is busy for its iteration's response time (service + queueing), so each free VU starts 1 / R per second.
            var waitMs = queue / capacity * 1000.0;
            var turnover = 1000.0 / (serviceMs + waitMs);
            var admissible = Math.Max(0, maxVus - queue) * turnover;
            var dropped = (long)Math.Max(0, arrivals - Math.Floor(admissible));
            var admitted = arrivals - dropped;
            var served = (long)Math.Min(capacity, queue + admitted);
            queue = Math.Max(0, queue + admitted - served);
            var inService = served * serviceMs / 1000.0;
            var histogram = new LatencyHistogram();
            for (var i = 0; i < served; i++) histogram.RecordMilliseconds((serviceMs + waitMs) * (0.9 + 0.2 * random.NextDouble()));
            var vus = (int)Math.Round(queue + inService);
            List<SeriesWindow> series = served > 0 ? [new SeriesWindow(name, method, served, 0, histogram)] : [];
            windows.Add(new TimeWindow(Start.AddSeconds(t), 1, vus, maxVus, served, dropped, null, series));
        }
        List<StageMark> marks = withMarks
            ? [new StageMark("breakpoint", 0, $"Ramp {startRate:0}-{endRate:0}", Start, Start.AddSeconds(seconds), null, endRate)]
            : [];
        return new RunTimeSeries(Start, windows, marks);
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

    /// <summary>
    /// The product story's profile at 1/8 time (10→50→200→500, hold, down) against a checkout API whose pool of 20
    /// connections at 50 ms caps it at 400 RPS; requests waiting over a second fail (503). Three endpoints share the pool.
    /// </summary>
    public static RunTimeSeries ProductStoryRun(bool withStageMarks, int seed = 11)
    {
        int[] ends = [15, 52, 75, 90, 105];
        Func<int, int> vusAt = t =>
            t < 15 ? 10 + 40 * t / 15 :
            t < 52 ? 50 + 150 * (t - 15) / 37 :
            t < 75 ? 200 + 300 * (t - 52) / 23 :
            t < 90 ? 500 :
            Math.Max(0, 500 - 500 * (t - 90) / 15);
        (string Name, string Method, double Weight, double Extra)[] endpoints =
            [("/api/cart/add", "POST", 0.4, 1.0), ("/api/orders/create", "POST", 0.2, 2.5), ("/api/orders/:id", "GET", 0.4, 0.4)];
        var random = new Random(seed);
        var windows = new List<TimeWindow>();
        for (var t = 0; t < ends[^1]; t++)
        {
            var vus = vusAt(t);
            var rps = Math.Min(vus * 1000.0 / 50, 400);
            var waitMs = Math.Max(0, vus * 1000.0 / 400 - 50);
            var series = new List<SeriesWindow>();
            foreach (var (name, method, weight, extra) in endpoints)
            {
                var requests = (long)Math.Round(rps * weight);
                var histogram = new LatencyHistogram();
                long failed = 0;
                for (var i = 0; i < requests; i++)
                {
                    var ms = (50 + waitMs * extra) * (0.8 + 0.4 * random.NextDouble());
                    if (ms > 1000) failed++;
                    histogram.RecordMilliseconds(Math.Min(ms, 1000));
                }
                if (requests > 0) series.Add(new SeriesWindow(name, method, requests, failed, histogram));
            }
            windows.Add(new TimeWindow(Start.AddSeconds(t), 1, vus, 500, (long)(rps / 3), 0, 0.3, series));
        }
        var marks = new List<StageMark>();
        if (withStageMarks)
        {
            string[] labels = ["Ramp 10-50", "Ramp 50-200", "Ramp 200-500", "Sustain 500", "Ramp down 500-0"];
            int?[] targets = [50, 200, 500, 500, 0];
            var from = 0;
            for (var i = 0; i < ends.Length; i++)
            {
                marks.Add(new StageMark("ramp_up", i, labels[i], Start.AddSeconds(from), Start.AddSeconds(ends[i]), targets[i], null));
                from = ends[i];
            }
        }
        return new RunTimeSeries(Start, windows, marks);
    }

    /// <summary>Writes a native results directory (timeseries.ndjson + the handleSummary fixture as summary.json).</summary>
    public static string NativeResults(RunTimeSeries run)
    {
        var dir = NewTempDirectory();
        using (var stream = File.Create(Path.Combine(dir, TimeSeriesFile.FileName)))
        {
            TimeSeriesFile.Write(run, stream);
        }
        File.Copy(FixturePath("k6-handle-summary.json"), Path.Combine(dir, "summary.json"));
        return dir;
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lt-analysis-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
