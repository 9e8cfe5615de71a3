using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// Merges the time series of instances that ran at the same time. Windows are aligned on the wall-clock second
/// they start in (instances start within a second or so of each other, and each writes one window per second);
/// loads, counts and VUs add up, latency histograms merge exactly.
/// </summary>
public static class TimeSeriesMerge
{
    public static RunTimeSeries Merge(IReadOnlyList<RunTimeSeries> instances)
    {
        if (instances.Count == 0) return new RunTimeSeries(DateTimeOffset.MinValue, [], []);
        var windows = instances
            .SelectMany(instance => instance.Windows)
            .GroupBy(window => SecondOf(window.Start))
            .OrderBy(group => group.Key)
            .Select(MergeWindows)
            .ToArray();
        var stages = instances
            .SelectMany(instance => instance.Stages)
            .GroupBy(stage => (stage.Scenario, stage.Index))
            .OrderBy(group => group.Min(s => s.Start))
            .ThenBy(group => group.Key.Scenario, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Index)
            .Select(MergeStages)
            .ToArray();
        return new RunTimeSeries(instances.Min(instance => instance.Start), windows, stages);
    }

    /// <summary>The wall-clock second a moment falls in, as whole seconds since the Unix epoch.</summary>
    public static long SecondOf(DateTimeOffset moment) => moment.ToUnixTimeSeconds();

    private static TimeWindow MergeWindows(IGrouping<long, TimeWindow> group)
    {
        var cpu = group.Where(w => w.GeneratorCpu is not null).Select(w => w.GeneratorCpu!.Value).ToArray();
        var series = group
            .SelectMany(w => w.Series)
            .GroupBy(s => (s.Name, s.Method))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .Select(g =>
            {
                var histogram = new LatencyHistogram();
                foreach (var s in g) histogram.Add(s.Duration);
                var failures = g.SelectMany(s => s.Failures).GroupBy(f => (f.Status, f.ErrorCode))
                    .Select(f => new FailureCount(f.Key.Status, f.Key.ErrorCode, f.Sum(x => x.Count)))
                    .OrderBy(f => f.Status).ThenBy(f => f.ErrorCode).ToList();
                return new SeriesWindow(g.Key.Name, g.Key.Method, g.Sum(s => s.Requests), g.Sum(s => s.Failed), histogram) { Failures = failures };
            })
            .ToArray();
        return new TimeWindow(
            DateTimeOffset.FromUnixTimeSeconds(group.Key),
            group.Max(w => w.Seconds),
            group.Sum(w => w.Vus),
            group.Sum(w => w.VusMax),
            group.Sum(w => w.Iterations),
            group.Sum(w => w.DroppedIterations),
            // Each instance has its own generator: the fleet's load is the mean, its worst is in the instances' files.
            cpu.Length > 0 ? cpu.Average() : null,
            series);
    }

    // Every instance plans the same stages with its own share of the target: the shares add up to the whole.
    private static StageMark MergeStages(IGrouping<(string Scenario, int Index), StageMark> group)
    {
        var first = group.OrderBy(s => s.Start).First();
        var vus = group.Where(s => s.TargetVus is not null).Select(s => s.TargetVus!.Value).ToArray();
        var rates = group.Where(s => s.TargetRate is not null).Select(s => s.TargetRate!.Value).ToArray();
        return first with
        {
            Start = group.Min(s => s.Start),
            End = group.Max(s => s.End),
            TargetVus = vus.Length > 0 ? vus.Sum() : null,
            TargetRate = rates.Length > 0 ? rates.Sum() : null,
        };
    }

    /// <summary>All <c>http_req_duration</c> samples of the series that <paramref name="include"/> selects, merged.</summary>
    public static LatencyHistogram Durations(RunTimeSeries series, Func<SeriesWindow, bool> include)
    {
        var histogram = new LatencyHistogram();
        foreach (var window in series.Windows)
        {
            foreach (var s in window.Series)
            {
                if (include(s)) histogram.Add(s.Duration);
            }
        }
        return histogram;
    }
}
