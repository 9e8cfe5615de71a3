using System.Globalization;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>
/// One step of an open-model run: a few consecutive windows of the ramp (or hold) with the rate that was offered
/// (scheduled), the rate that was achieved (iterations completed), the iterations dropped for lack of a VU, the VUs in
/// use and what the API did. Trusted is false when the load generator, not the API, limited the step.
/// </summary>
public sealed record LoadStep(
    int Index,
    string Label,
    StageKind Kind,
    double StartSecond,
    double Seconds,
    double? OfferedRate,
    double AchievedRate,
    double Rps,
    long Dropped,
    double MeanVus,
    int MaxVus,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double ErrorRate,
    long Requests,
    bool Trusted)
{
    /// <summary>The offered rate at the step's start and end (the ramp it covers); null when unknown.</summary>
    public double? OfferedFrom { get; init; }

    public double? OfferedTo { get; init; }
}

/// <summary>
/// Cuts an open-model run into steps: each ramp stage into up to <see cref="MaxStepsPerRamp"/> steps of at least
/// <see cref="MinWindowsPerStep"/> windows, each hold into up to <see cref="MaxStepsPerHold"/>. Without stage marks
/// (k6 output) the whole run is cut by time, and the offered rate is estimated as achieved + dropped.
/// </summary>
public static class LoadSteps
{
    public const int MaxStepsPerRamp = 16, MaxStepsPerHold = 4, MinWindowsPerStep = 2;

    public static IReadOnlyList<LoadStep> Build(RunTimeSeries series, Func<SeriesWindow, bool>? seriesFilter = null)
    {
        if (series.Windows.Count == 0) return [];
        var segments = Segments(series);
        var raw = new List<(List<TimeWindow> Windows, StageKind Kind, double? From, double? To, double? Offered)>();
        foreach (var (windows, kind) in segments)
        {
            var perStep = kind switch
            {
                StageKind.RampUp => Math.Max(MinWindowsPerStep, (int)Math.Ceiling(windows.Count / (double)MaxStepsPerRamp)),
                StageKind.Hold => Math.Max(MinWindowsPerStep, (int)Math.Ceiling(windows.Count / (double)MaxStepsPerHold)),
                _ => windows.Count,
            };
            for (var i = 0; i < windows.Count; i += perStep)
            {
                var chunk = windows.Skip(i).Take(perStep).ToList();
                // A short remainder joins the step before it rather than standing alone on two seconds.
                if (chunk.Count < MinWindowsPerStep && raw.Count > 0 && i > 0)
                {
                    var last = raw[^1];
                    last.Windows.AddRange(chunk);
                    raw[^1] = (last.Windows, last.Kind, last.From, OfferedAt(series, chunk[^1], end: true), MeanOffered(series, last.Windows));
                    continue;
                }
                raw.Add((chunk, kind, OfferedAt(series, chunk[0], end: false), OfferedAt(series, chunk[^1], end: true), MeanOffered(series, chunk)));
            }
        }

        var steps = new List<LoadStep>();
        foreach (var (windows, kind, from, to, offered) in raw)
        {
            var a = WindowAggregate.Of(windows, seriesFilter);
            // Without stage marks the schedule is unknown: what started (achieved) plus what could not (dropped) is it.
            var offeredRate = offered ?? (a.Seconds > 0 ? (a.Iterations + a.Dropped) / a.Seconds : null);
            var start = (windows[0].Start - series.Start).TotalSeconds;
            steps.Add(new LoadStep(steps.Count, Label(kind, from, to, offeredRate, start, start + a.Seconds, offered is not null), kind, start, a.Seconds,
                offeredRate, a.IterationsPerSecond, a.Rps, a.Dropped, a.MeanVus, a.MaxVus, a.P50, a.P95, a.P99, a.ErrorRate, a.Requests,
                windows.All(GeneratorHealth.CpuTrusted))
            {
                OfferedFrom = from ?? (offered is null ? null : offeredRate),
                OfferedTo = to ?? (offered is null ? null : offeredRate),
            });
        }
        return MarkGeneratorLimits(steps);
    }

    /// <summary>
    /// Dropped iterations mean every VU was busy. When the API had slowed down that is its saturation (VUs pile up
    /// behind slow responses: the breaking point); when latency was still at its low-load level, the generator simply
    /// had too few VUs (maxVUs), and the step says nothing about the API.
    /// </summary>
    private static IReadOnlyList<LoadStep> MarkGeneratorLimits(List<LoadStep> steps)
    {
        var measured = steps.Where(s => s.Requests >= EvidenceRules.MinRequestsForPercentiles && s.Kind != StageKind.RampDown).Take(3).ToList();
        if (measured.Count == 0) return steps;
        var baseline = measured.Min(s => s.P95Ms);
        return steps.Select(s => s.Dropped > 0 && s.Trusted && !EvidenceRules.Slowed(s.P95Ms, baseline) ? s with { Trusted = false } : s).ToList();
    }

    private static List<(List<TimeWindow> Windows, StageKind Kind)> Segments(RunTimeSeries series)
    {
        var marks = series.Stages.Where(s => s.TargetRate is not null).ToList();
        var result = new List<(List<TimeWindow>, StageKind)>();
        if (marks.Count == 0)
        {
            // No schedule: one rising segment cut by time (its last steps may be a ramp-down; the rules look at rates).
            result.Add((series.Windows.ToList(), StageKind.RampUp));
            return result;
        }
        // Boundaries of every arrival-rate stage (scenarios may overlap): each piece between two has one shape.
        var bounds = marks.SelectMany(m => new[] { m.Start, m.End }).Distinct().Order().ToList();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var windows = series.Windows.Where(w => w.Start >= bounds[i] && w.Start < bounds[i + 1]).ToList();
            if (windows.Count == 0) continue;
            var from = LoadModelDetector.OfferedAt(series, bounds[i]) ?? 0;
            var to = LoadModelDetector.OfferedAt(series, bounds[i + 1].AddTicks(-1)) ?? 0;
            var tolerance = Math.Max(0.5, 0.02 * Math.Max(from, to));
            var kind = Math.Abs(to - from) <= tolerance ? StageKind.Hold : to > from ? StageKind.RampUp : StageKind.RampDown;
            result.Add((windows, kind));
        }
        // After the schedule: iterations still draining (gracefulStop). Shown, never used to judge capacity.
        var end = bounds[^1];
        var drain = series.Windows.Where(w => w.Start >= end).ToList();
        if (drain.Count > 0) result.Add((drain, StageKind.RampDown));
        return result;
    }

    private static double? OfferedAt(RunTimeSeries series, TimeWindow window, bool end) =>
        LoadModelDetector.OfferedAt(series, end ? window.Start.AddSeconds(window.Seconds).AddTicks(-1) : window.Start) ??
        (end && series.Stages.Any(s => s.TargetRate is not null) ? 0 : null);

    private static double? MeanOffered(RunTimeSeries series, List<TimeWindow> windows)
    {
        if (!series.Stages.Any(s => s.TargetRate is not null)) return null;
        double sum = 0, seconds = 0;
        foreach (var w in windows)
        {
            sum += (LoadModelDetector.OfferedAt(series, w.Start.AddSeconds(w.Seconds / 2)) ?? 0) * w.Seconds;
            seconds += w.Seconds;
        }
        return seconds > 0 ? sum / seconds : null;
    }

    private static string Label(StageKind kind, double? from, double? to, double? offered, double startSecond, double endSecond, bool scheduled) =>
        (scheduled, kind) switch
        {
            (false, _) => Inv($"{startSecond:0}-{endSecond:0} s"),
            (true, _) when from is null || to is null => Inv($"After the schedule {startSecond:0}-{endSecond:0} s"),
            (true, StageKind.Hold) => Inv($"Sustain {offered:0.#}/s"),
            _ => Inv($"{from:0.#}→{to:0.#}/s"),
        };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Shared rules on how much evidence a number needs before the analysis trusts it.</summary>
public static class EvidenceRules
{
    /// <summary>
    /// Fewest requests a p95/p99 is read from: with 100, five requests lie above the p95. Fewer (a login made once
    /// per VU during the ramp) say nothing about degradation; such windows are merged with their neighbours or left out.
    /// </summary>
    public const int MinRequestsForPercentiles = 100;

    /// <summary>Fewest requests an error rate is read from (one failure in 20 is 5 %, the default limit).</summary>
    public const int MinRequestsForErrorRate = 20;

    /// <summary>Latency counts as degraded at twice its low-load value (and at least 20 ms more).</summary>
    public static bool Slowed(double p95Ms, double baselineP95Ms) => p95Ms > Math.Max(2 * baselineP95Ms, baselineP95Ms + 20);
}
