using System.Globalization;

namespace LoadTest.Runtime.Analysis;

public enum BreakKind
{
    P95OverLimit,
    P99OverLimit,
    ErrorRateOverLimit,
    Plateau,
    Retrograde,

    /// <summary>Open model: the achieved iteration rate fell behind the offered one.</summary>
    BehindOffered,

    /// <summary>Open model: VUs in use grew while throughput did not (requests pile up behind a limit).</summary>
    VusWithoutThroughput,
}

/// <summary>One way the API broke, where (VUs and RPS, interpolated between load levels) and why we say so.</summary>
public sealed record BreakEvent(BreakKind Kind, double Vus, double Rps, string Evidence)
{
    /// <summary>Open model: the offered iteration rate where it happened.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Iterations per second achieved there, when known.</summary>
    public double? IterationsPerSecond { get; init; }

    /// <summary>Open model: the step of the stage table it happened in.</summary>
    public int? Step { get; init; }

    /// <summary>A short name of the rule for the headline ("throughput plateau", "p95 over the SLO").</summary>
    public string Rule => Kind switch
    {
        BreakKind.P95OverLimit => "p95 over the SLO",
        BreakKind.P99OverLimit => "p99 over the SLO",
        BreakKind.ErrorRateOverLimit => "error rate over the SLO",
        BreakKind.Plateau => "throughput stopped rising",
        BreakKind.Retrograde => "throughput fell",
        BreakKind.BehindOffered => "achieved fell behind offered",
        _ => "VUs grew without throughput",
    };

    /// <summary>Whether the API ran out of throughput here (rather than out of latency or error budget).</summary>
    public bool IsThroughputLimit => Kind is BreakKind.Plateau or BreakKind.Retrograde or BreakKind.BehindOffered or BreakKind.VusWithoutThroughput;
}

/// <summary>
/// The result of the breaking-point analysis. First is the earliest break by VUs. Knee (Kneedle) and
/// USL peak are independent estimates of where throughput stops scaling, reported side by side.
/// </summary>
public sealed record BreakingPointResult(
    BreakEvent? First,
    IReadOnlyList<BreakEvent> Events,
    double? KneeVus,
    double? KneeRps,
    UslModel? Usl,
    double MaxTrustedRps,
    double VusAtMaxRps,
    int UntrustedLevels,
    IReadOnlyList<string> Notes)
{
    /// <summary>Closed: levels are VU counts. Open: steps of the offered rate (then Vus are VUs in use).</summary>
    public LoadModel Model { get; init; } = LoadModel.Closed;

    /// <summary>Open model: the offered rate at the knee of achieved against offered.</summary>
    public double? KneeOfferedRate { get; init; }
}

/// <summary>Finds where the API stops meeting its SLOs or stops scaling, from load levels and stage rows.</summary>
public static class BreakingPointAnalysis
{
    /// <summary>Marginal throughput below this share of the first VUs' throughput per VU counts as a plateau.</summary>
    public const double PlateauMarginalShare = 0.10;

    /// <summary>Throughput this far below an earlier maximum at higher load counts as retrograde.</summary>
    public const double RetrogradeDrop = 0.08;

    public static BreakingPointResult Analyse(IReadOnlyList<LoadPoint> levels, IReadOnlyList<StageRow> stages, SloLimits slo)
    {
        var notes = new List<string>();
        var trusted = levels.Where(p => p.Trusted).OrderBy(p => p.Vus).ToList();
        var untrusted = levels.Count - trusted.Count;
        if (untrusted > 0)
        {
            notes.Add(Inv($"{untrusted} load level(s) were left out: the load generator itself was saturated there (dropped iterations or CPU > 90%), so their numbers say nothing about the API."));
        }
        var events = new List<BreakEvent>();
        // Percentiles and rates need enough requests behind them: a level of a few requests is noise, not a crossing.
        var forLatency = trusted.Where(p => p.Requests >= EvidenceRules.MinRequestsForPercentiles).ToList();
        var forErrors = trusted.Where(p => p.Requests >= EvidenceRules.MinRequestsForErrorRate).ToList();
        AddCrossing(events, forLatency, BreakKind.P95OverLimit, p => p.P95Ms, slo.P95Ms, v => Inv($"p95 crosses {slo.P95Ms:0}ms ({v:0}ms)"));
        AddCrossing(events, forLatency, BreakKind.P99OverLimit, p => p.P99Ms, slo.P99Ms, v => Inv($"p99 crosses {slo.P99Ms:0}ms ({v:0}ms)"));
        AddCrossing(events, forErrors, BreakKind.ErrorRateOverLimit, p => p.ErrorRate, slo.ErrorRate, v => Inv($"error rate crosses {slo.ErrorRate:0.#%} ({v:0.#%})"));
        if (Plateau(trusted) is { } plateau) events.Add(plateau);
        if (Retrograde(trusted, stages) is { } retrograde) events.Add(retrograde);

        var best = trusted.Count > 0 ? trusted.MaxBy(p => p.Rps) : null;
        double? kneeVus = null, kneeRps = null;
        if (best is not null)
        {
            // Knee on the rising part and its plateau only: a retrograde tail is not the concave shape Kneedle models.
            var plateauEnd = trusted.Last(p => p.Rps >= best.Rps * (1 - RetrogradeDrop)).Vus;
            var rising = trusted.Where(p => p.Vus <= plateauEnd).Select(p => (p.Vus, p.Rps)).ToList();
            kneeVus = Kneedle.FindKnee(rising, CurveShape.ConcaveIncreasing);
            if (kneeVus is { } k) kneeRps = trusted.MinBy(p => Math.Abs(p.Vus - k))!.Rps;
        }
        var usl = UslFitter.Fit(trusted.Select(p => (p.Vus, p.Rps)).ToList());
        if (usl is null) notes.Add(Inv($"USL not fitted: {trusted.Count} trusted load level(s), at least {UslFitter.MinimumPoints} are needed (ramp in more steps)."));

        var first = events.OrderBy(e => e.Vus).FirstOrDefault();
        return new BreakingPointResult(first, events.OrderBy(e => e.Vus).ToList(), kneeVus, kneeRps, usl,
            best?.Rps ?? 0, best?.Vus ?? 0, untrusted, notes);
    }

    // The first level where the metric is over the limit and stays over at the next level (one noisy level is not a break).
    private static void AddCrossing(List<BreakEvent> events, IReadOnlyList<LoadPoint> points, BreakKind kind, Func<LoadPoint, double> metric, double limit, Func<double, string> describe)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var value = metric(points[i]);
            if (value <= limit) continue;
            if (i + 1 < points.Count && metric(points[i + 1]) <= limit) continue;
            double vus = points[i].Vus, rps = points[i].Rps;
            if (i > 0)
            {
                // Linear interpolation between the last good level and this one gives the crossing load.
                var before = metric(points[i - 1]);
                var f = value > before ? Math.Clamp((limit - before) / (value - before), 0, 1) : 1;
                vus = points[i - 1].Vus + f * (points[i].Vus - points[i - 1].Vus);
                rps = points[i - 1].Rps + f * (points[i].Rps - points[i - 1].Rps);
            }
            events.Add(new BreakEvent(kind, vus, rps, Inv($"{describe(value)} at ~{vus:0} VUs / {rps:0} RPS")));
            return;
        }
    }

    private static BreakEvent? Plateau(IReadOnlyList<LoadPoint> points)
    {
        if (points.Count < 4) return null;
        // Throughput per VU at the lowest loads: what one more VU is worth while nothing queues.
        var perVu = points.Take(3).Max(p => p.Rps / p.Vus);
        for (var i = 1; i < points.Count; i++)
        {
            var j = LastIndexAtOrBelow(points, points[i].Vus * 0.85);
            if (j < 0) continue;
            var marginal = (points[i].Rps - points[j].Rps) / (points[i].Vus - points[j].Vus);
            if (marginal >= PlateauMarginalShare * perVu) continue;
            // Must persist: the next level must not climb back to linear scaling.
            if (i + 1 < points.Count && (points[i + 1].Rps - points[j].Rps) / (points[i + 1].Vus - points[j].Vus) >= PlateauMarginalShare * perVu) continue;
            return new BreakEvent(BreakKind.Plateau, points[j].Vus, points[j].Rps,
                Inv($"throughput plateaus at ~{points[j].Vus:0} VUs / {points[j].Rps:0} RPS: from {points[j].Vus:0} to {points[i].Vus:0} VUs each VU adds {marginal:0.##} RPS against {perVu:0.##} at low load"));
        }
        return null;
    }

    private static int LastIndexAtOrBelow(IReadOnlyList<LoadPoint> points, double vus)
    {
        var index = -1;
        for (var k = 0; k < points.Count && points[k].Vus <= vus; k++) index = k;
        return index;
    }

    private static BreakEvent? Retrograde(IReadOnlyList<LoadPoint> points, IReadOnlyList<StageRow> stages)
    {
        // Over load levels: X falls well below an earlier maximum while N is higher.
        BreakEvent? byLevel = null;
        for (var i = 1; i < points.Count; i++)
        {
            var peak = points.Take(i).MaxBy(p => p.Rps)!;
            if (points[i].Rps < peak.Rps * (1 - RetrogradeDrop) && (i + 1 >= points.Count || points[i + 1].Rps < peak.Rps * (1 - RetrogradeDrop)))
            {
                byLevel = new BreakEvent(BreakKind.Retrograde, points[i].Vus, points[i].Rps,
                    Inv($"retrograde throughput: RPS falls from {peak.Rps:0} at {peak.Vus:0} VUs to {points[i].Rps:0} at {points[i].Vus:0} VUs"));
                break;
            }
        }
        // Over stages: RPS falls while VUs hold or rise (e.g. the sustain phase after a ramp).
        BreakEvent? byStage = null;
        for (var i = 1; i < stages.Count; i++)
        {
            StageRow prev = stages[i - 1], cur = stages[i];
            if (!prev.Trusted || !cur.Trusted || cur.Kind == StageKind.RampDown || cur.Vus < prev.Vus) continue;
            if (cur.Rps < prev.Rps * (1 - RetrogradeDrop))
            {
                byStage = new BreakEvent(BreakKind.Retrograde, cur.Vus, cur.Rps,
                    Inv($"retrograde throughput: RPS drops from {prev.Rps:0} ({prev.Label}) to {cur.Rps:0} ({cur.Label}) while VUs hold at {cur.Vus}"));
                break;
            }
        }
        // Stage evidence names the phases and is not blurred by mixing ramp and hold windows in one level.
        return byStage ?? byLevel;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
