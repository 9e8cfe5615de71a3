using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// Folds k6's per-sample points (from --out json or --out csv) into the same one-second windows the engine
/// writes, so every analysis runs on one model whatever produced the results.
/// </summary>
internal sealed class TimeSeriesBuilder
{
    private readonly SortedDictionary<long, WindowAccumulator> _windows = [];
    private readonly Dictionary<(string Name, string Method, long Second), long> _failedBySeries = [];

    public int Points { get; private set; }

    public void AddPoint(string metric, DateTimeOffset time, double value, IReadOnlyDictionary<string, string> tags)
    {
        var second = time.ToUnixTimeMilliseconds() / 1000 - (time.ToUnixTimeMilliseconds() < 0 ? 1 : 0);
        var window = Window(second);
        Points++;
        switch (metric)
        {
            case "http_req_duration":
            {
                var series = window.Series(SeriesName(tags), tags.GetValueOrDefault("method") ?? "");
                series.Requests++;
                series.Duration.RecordMilliseconds(value);
                // Before k6 0.31 there was no http_req_failed; fall back to the expected_response tag or the status.
                if (IsFailureByTags(tags))
                {
                    series.FailedByTags++;
                    series.AddFailure(Int(tags, "status"), Int(tags, "error_code"));
                }
                break;
            }
            case "http_req_failed":
            {
                var series = window.Series(SeriesName(tags), tags.GetValueOrDefault("method") ?? "");
                series.HasFailedMetric = true;
                if (value != 0) series.Failed++;
                break;
            }
            case "vus":
                window.Vus = (int)Math.Round(value);
                break;
            case "vus_max":
                window.VusMax = (int)Math.Round(value);
                break;
            case "iterations":
                window.Iterations += (long)Math.Round(value);
                break;
            case "dropped_iterations":
                window.Dropped += (long)Math.Round(value);
                break;
        }
    }

    public RunTimeSeries? Build()
    {
        if (_windows.Count == 0) return null;
        var first = _windows.Keys.First();
        var last = _windows.Keys.Last();
        var windows = new List<TimeWindow>();
        int vus = 0, vusMax = 0;
        // Fill gaps so each window is one second and the gauges carry over seconds without a sample.
        for (var s = first; s <= last; s++)
        {
            _windows.TryGetValue(s, out var w);
            if (w?.Vus is { } v) vus = v;
            if (w?.VusMax is { } vm) vusMax = vm;
            var series = w?.AllSeries.Select(x => new SeriesWindow(x.Name, x.Method, x.Requests,
                    x.HasFailedMetric ? x.Failed : x.FailedByTags, x.Duration) { Failures = x.FailureCounts() })
                .OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Method, StringComparer.Ordinal)
                .ToList() ?? [];
            windows.Add(new TimeWindow(DateTimeOffset.FromUnixTimeSeconds(s), 1.0, vus, Math.Max(vusMax, vus),
                w?.Iterations ?? 0, w?.Dropped ?? 0, null, series));
        }
        return new RunTimeSeries(DateTimeOffset.FromUnixTimeSeconds(first), windows, []);
    }

    // k6 tags each request with name (defaults to the URL); fall back to url for hand-made data.
    private static string SeriesName(IReadOnlyDictionary<string, string> tags) =>
        tags.GetValueOrDefault("name") is { Length: > 0 } name ? name : tags.GetValueOrDefault("url") ?? "";

    private static int Int(IReadOnlyDictionary<string, string> tags, string name) =>
        int.TryParse(tags.GetValueOrDefault(name), out var value) ? value : 0;

    private static bool IsFailureByTags(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.GetValueOrDefault("expected_response") is { } expected) return expected == "false";
        return int.TryParse(tags.GetValueOrDefault("status"), out var status) && (status is 0 or >= 400);
    }

    private WindowAccumulator Window(long second)
    {
        if (!_windows.TryGetValue(second, out var w))
        {
            w = new WindowAccumulator();
            _windows[second] = w;
        }
        return w;
    }

    private sealed class WindowAccumulator
    {
        private readonly Dictionary<(string, string), SeriesAccumulator> _series = [];
        public int? Vus { get; set; }
        public int? VusMax { get; set; }
        public long Iterations { get; set; }
        public long Dropped { get; set; }
        public IEnumerable<SeriesAccumulator> AllSeries => _series.Values;

        public SeriesAccumulator Series(string name, string method)
        {
            if (!_series.TryGetValue((name, method), out var s))
            {
                s = new SeriesAccumulator(name, method);
                _series[(name, method)] = s;
            }
            return s;
        }
    }

    private sealed class SeriesAccumulator(string name, string method)
    {
        public string Name { get; } = name;
        public string Method { get; } = method;
        public long Requests { get; set; }
        public long Failed { get; set; }
        public long FailedByTags { get; set; }
        public bool HasFailedMetric { get; set; }
        public LatencyHistogram Duration { get; } = new();
        private readonly Dictionary<(int Status, int ErrorCode), long> _failures = [];

        // k6 tags each duration point with status and error_code; failed ones say why per endpoint.
        public void AddFailure(int status, int errorCode) =>
            _failures[(status, errorCode)] = _failures.GetValueOrDefault((status, errorCode)) + 1;

        public List<FailureCount> FailureCounts() =>
            _failures.Select(f => new FailureCount(f.Key.Status, f.Key.ErrorCode, f.Value)).OrderBy(f => f.Status).ThenBy(f => f.ErrorCode).ToList();
    }
}
