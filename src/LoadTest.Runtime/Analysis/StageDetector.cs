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
        var tolerance = Math.Max(2.0, 0.015 * maxVus);
        var breaks = new SortedSet<int> { 0, windows.Count - 1 };
        Split(windows, 0, windows.Count - 1, tolerance, breaks);

        var spans = new List<(int From, int To, StageKind Kind)>();
        var indices = breaks.ToArray();
        for (var i = 0; i + 1 < indices.Length; i++)
        {
            int from = indices[i], to = indices[i + 1];
            var delta = windows[to].Vus - windows[from].Vus;
            var kind = Math.Abs(delta) <= tolerance ? StageKind.Hold : delta > 0 ? StageKind.RampUp : StageKind.RampDown;
            // Neighbouring pieces of the same shape and about the same slope are one stage (the fit may split a
            // long ramp at a wobble); ramps of clearly different speed stay apart, as planned stages would.
            if (spans.Count > 0 && spans[^1].Kind == kind && (kind == StageKind.Hold || SimilarSlope(windows, spans[^1].From, spans[^1].To, from, to)))
            {
                spans[^1] = (spans[^1].From, to, kind);
            }
            else
            {
                spans.Add((from, to, kind));
            }
        }
        if (spans.Count == 0) spans.Add((0, windows.Count - 1, StageKind.Hold));
        spans = MergeShort(windows, spans, tolerance);

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

    // Fluctuating VUs (open-model executors) would otherwise give many tiny stages: fold any span shorter
    // than 10 s or 2 % of the run into its neighbour, then join neighbours of the same shape again.
    private static List<(int From, int To, StageKind Kind)> MergeShort(IReadOnlyList<TimeWindow> windows, List<(int From, int To, StageKind Kind)> spans, double tolerance)
    {
        var minLength = Math.Max(10, windows.Count / 50);
        var changed = true;
        while (changed && spans.Count > 1)
        {
            changed = false;
            for (var i = 0; i < spans.Count; i++)
            {
                if (spans[i].To - spans[i].From >= minLength) continue;
                var into = i > 0 ? i - 1 : i + 1;
                var from = Math.Min(spans[i].From, spans[into].From);
                var to = Math.Max(spans[i].To, spans[into].To);
                spans[Math.Min(i, into)] = (from, to, KindOf(windows, from, to, tolerance));
                spans.RemoveAt(Math.Max(i, into));
                changed = true;
                break;
            }
        }
        var joined = new List<(int From, int To, StageKind Kind)>();
        foreach (var span in spans)
        {
            if (joined.Count > 0 && joined[^1].Kind == span.Kind && (span.Kind == StageKind.Hold || SimilarSlope(windows, joined[^1].From, joined[^1].To, span.From, span.To)))
            {
                joined[^1] = (joined[^1].From, span.To, span.Kind);
            }
            else
            {
                joined.Add(span);
            }
        }
        return joined;
    }

    private static StageKind KindOf(IReadOnlyList<TimeWindow> windows, int from, int to, double tolerance)
    {
        var delta = windows[to].Vus - windows[from].Vus;
        return Math.Abs(delta) <= tolerance ? StageKind.Hold : delta > 0 ? StageKind.RampUp : StageKind.RampDown;
    }

    private static bool SimilarSlope(IReadOnlyList<TimeWindow> windows, int aFrom, int aTo, int bFrom, int bTo)
    {
        var a = (windows[aTo].Vus - windows[aFrom].Vus) / (double)Math.Max(1, aTo - aFrom);
        var b = (windows[bTo].Vus - windows[bFrom].Vus) / (double)Math.Max(1, bTo - bFrom);
        if (a == 0 || b == 0) return a == b;
        var ratio = a / b;
        return ratio is >= 0.7 and <= 1 / 0.7;
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
