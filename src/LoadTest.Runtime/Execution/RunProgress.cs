using System.Globalization;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// The progress line, in the words of k6's: <c>running (0m12.3s/1m00s), 12/50 VUs, 345 complete and 0 interrupted
/// iterations</c>, followed by the current stage of each scenario. Pure formatting.
/// </summary>
internal static class RunProgress
{
    /// <summary>k6's run line; <paramref name="planned"/> null once the run is over.</summary>
    public static string Totals(TimeSpan elapsed, TimeSpan? planned, int vus, int vusMax, long complete, long interrupted) =>
        string.Create(CultureInfo.InvariantCulture,
            $"running ({Elapsed(elapsed)}{(planned is { } total ? "/" + Planned(total) : "")}), {vus:00}/{vusMax:00} VUs, {complete} complete and {interrupted} interrupted iterations");

    /// <summary>The stage each scenario is in at <paramref name="now"/> (wall clock), e.g. "stage 2/5 Ramp 50-200".</summary>
    public static string Stages(IReadOnlyList<StageMark> stages, DateTimeOffset now)
    {
        var parts = new List<string>();
        var scenarios = stages.GroupBy(s => s.Scenario).ToList();
        foreach (var scenario in scenarios)
        {
            var ordered = scenario.OrderBy(s => s.Index).ToList();
            var current = ordered.FindIndex(s => now >= s.Start && now < s.End);
            var prefix = scenarios.Count > 1 ? scenario.Key + ": " : "";
            if (current >= 0) parts.Add($"{prefix}stage {current + 1}/{ordered.Count} {ordered[current].Label}");
            else if (ordered.Count > 0 && now >= ordered[^1].End) parts.Add($"{prefix}stages done, gracefulStop");
            else parts.Add($"{prefix}waiting for its startTime");
        }
        return string.Join("; ", parts);
    }

    /// <summary>k6's elapsed format: 0m12.3s, 1h02m03.4s.</summary>
    public static string Elapsed(TimeSpan time)
    {
        var seconds = time.TotalSeconds - Math.Floor(time.TotalMinutes) * 60;
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}h{time.Minutes:00}m{seconds:00.0}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}m{seconds:00.0}s");
    }

    /// <summary>k6's planned-duration format: 1m00s, 1h05m00s, 0m30s.</summary>
    public static string Planned(TimeSpan time)
    {
        var whole = TimeSpan.FromSeconds(Math.Ceiling(time.TotalSeconds));
        return whole.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)whole.TotalHours}h{whole.Minutes:00}m{whole.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)whole.TotalMinutes}m{whole.Seconds:00}s");
    }
}
