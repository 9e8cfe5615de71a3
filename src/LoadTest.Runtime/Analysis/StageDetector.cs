using System.Globalization;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

public enum StageKind
{
    RampUp,
    Hold,
    RampDown,
}

/// <summary>A stretch of the run with one load shape, either planned (StageMark) or derived from the VU series.</summary>
public sealed record StageSpan(string Label, StageKind Kind, DateTimeOffset Start, DateTimeOffset End, int StartVus, int EndVus);

/// <summary>
/// Stages of a run: the planned stage marks when the engine wrote them, otherwise derived from the VU gauge
/// (k6 NDJSON/CSV carry no stage plan). Derivation is a Douglas–Peucker piecewise-linear fit of VUs over
/// time, so a slow ramp (1 VU every few seconds) stays one ramp instead of many tiny holds.
/// </summary>
public static class StageDetector
{
    public static IReadOnlyList<StageSpan> Stages(RunTimeSeries series)
    {
        if (series.Windows.Count == 0) return [];
        return series.Stages.Count > 0 ? FromMarks(series) : Derive(series.Windows);
    }

    private static IReadOnlyList<StageSpan> FromMarks(RunTimeSeries series)
    {
        var result = new List<StageSpan>();
        foreach (var mark in series.Stages.OrderBy(s => s.Start).ThenBy(s => s.Index))
        {
            var inside = series.Windows.Where(w => w.Start >= mark.Start && w.Start < mark.End).ToList();
            var startVus = series.Windows.LastOrDefault(w => w.Start < mark.Start)?.Vus ?? inside.FirstOrDefault()?.Vus ?? 0;
            var endVus = mark.TargetVus ?? inside.LastOrDefault()?.Vus ?? startVus;
            var kind = endVus > startVus ? StageKind.RampUp : endVus < startVus ? StageKind.RampDown : StageKind.Hold;
            result.Add(new StageSpan(mark.Label, kind, mark.Start, mark.End, startVus, endVus));
        }
        return result;
    }

    internal static IReadOnlyList<StageSpan> Derive(IReadOnlyList<TimeWindow> windows)
    {
        var maxVus = windows.Max(w => w.Vus);
        var tolerance = Math.Max(2.0, 0.04 * maxVus);
        var breaks = new SortedSet<int> { 0, windows.Count - 1 };
        Split(windows, 0, windows.Count - 1, tolerance, breaks);

        var spans = new List<(int From, int To, StageKind Kind)>();
        var indices = breaks.ToArray();
        for (var i = 0; i + 1 < indices.Length; i++)
        {
            int from = indices[i], to = indices[i + 1];
            var delta = windows[to].Vus - windows[from].Vus;
            var kind = Math.Abs(delta) <= tolerance ? StageKind.Hold : delta > 0 ? StageKind.RampUp : StageKind.RampDown;
            // Neighbouring pieces of the same shape are one stage (the fit may split a long ramp at a wobble).
            if (spans.Count > 0 && spans[^1].Kind == kind)
            {
                spans[^1] = (spans[^1].From, to, kind);
            }
            else
            {
                spans.Add((from, to, kind));
            }
        }
        if (spans.Count == 0) spans.Add((0, windows.Count - 1, StageKind.Hold));

        var result = new List<StageSpan>();
        for (var i = 0; i < spans.Count; i++)
        {
            var (from, to, kind) = spans[i];
            // Each window belongs to one stage: a stage ends where the next begins (the last one at the run's end).
            var first = i == 0 ? from : from + 1;
            var startVus = windows[from].Vus;
            var endVus = windows[to].Vus;
            var end = windows[to].Start.AddSeconds(windows[to].Seconds);
            var start = windows[Math.Min(first, to)].Start;
            result.Add(new StageSpan(Label(kind, startVus, endVus), kind, start, end, startVus, endVus));
        }
        return result;
    }

    private static string Label(StageKind kind, int from, int to) => kind switch
    {
        StageKind.Hold => string.Create(CultureInfo.InvariantCulture, $"Sustain {to}"),
        StageKind.RampUp => string.Create(CultureInfo.InvariantCulture, $"Ramp {from}-{to}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Ramp down {from}-{to}"),
    };

    private static void Split(IReadOnlyList<TimeWindow> windows, int from, int to, double tolerance, SortedSet<int> breaks)
    {
        if (to - from < 2) return;
        double v0 = windows[from].Vus, v1 = windows[to].Vus;
        var worst = -1;
        var worstDistance = tolerance;
        for (var i = from + 1; i < to; i++)
        {
            var expected = v0 + (v1 - v0) * (i - from) / (to - from);
            var distance = Math.Abs(windows[i].Vus - expected);
            if (distance > worstDistance)
            {
                worst = i;
                worstDistance = distance;
            }
        }
        if (worst < 0) return;
        breaks.Add(worst);
        Split(windows, from, worst, tolerance, breaks);
        Split(windows, worst, to, tolerance, breaks);
    }
}
