using System.Globalization;

namespace LoadTest.Runtime.Analysis;

/// <summary>
/// The breaking point of an open-model run (ramping- or constant-arrival-rate), step by step: the first step where
/// the achieved rate falls behind the offered one, where VUs in use grow without throughput, or where an SLO is
/// crossed — whichever comes first, named. A step must stay broken at the next step (one noisy step is not a break).
/// </summary>
public static class OpenModelBreakingPoint
{
    /// <summary>Achieved more than this share below offered is falling behind.</summary>
    public const double BehindShare = 0.08;

    /// <summary>VUs growing by this share from one step to the next…</summary>
    public const double VuGrowth = 0.25;

    /// <summary>…while throughput grows by less than this share of that growth is "VUs without throughput".</summary>
    public const double ThroughputShareOfVuGrowth = 0.25;

    /// <summary>Below this many VUs in use, one VU more is noise, not a trend.</summary>
    public const double MinVusForGrowthRule = 5;

    /// <summary>Below this offered rate (per second) one iteration more or less is noise.</summary>
    public const double MinOfferedRate = 2;

    public static BreakingPointResult Analyse(IReadOnlyList<LoadStep> steps, SloLimits slo)
    {
        var notes = new List<string>();
        var analysable = steps.Where(s => s.Kind != StageKind.RampDown).ToList();
        var trusted = analysable.Where(s => s.Trusted).ToList();
        var untrusted = analysable.Count - trusted.Count;
        if (untrusted > 0)
        {
            notes.Add(Inv($"{untrusted} step(s) were left out: the load generator limited them (too few VUs for the offered rate while the API was still fast, or CPU > 90%), so they say nothing about the API."));
        }
        // Completions trail the schedule by one iteration: compare each step with the rate offered that long before.
        var lag = IterationSeconds(trusted);
        var events = new List<BreakEvent>();
        AddCrossing(events, trusted, BreakKind.P95OverLimit, s => s.P95Ms, slo.P95Ms, EvidenceRules.MinRequestsForPercentiles, v => Inv($"p95 crosses {slo.P95Ms:0}ms ({v:0}ms)"));
        AddCrossing(events, trusted, BreakKind.P99OverLimit, s => s.P99Ms, slo.P99Ms, EvidenceRules.MinRequestsForPercentiles, v => Inv($"p99 crosses {slo.P99Ms:0}ms ({v:0}ms)"));
        AddCrossing(events, trusted, BreakKind.ErrorRateOverLimit, s => s.ErrorRate, slo.ErrorRate, EvidenceRules.MinRequestsForErrorRate, v => Inv($"error rate crosses {slo.ErrorRate:0.#%} ({v:0.#%})"));
        if (Behind(trusted, steps, lag) is { } behind) events.Add(behind);
        if (VusWithoutThroughput(trusted) is { } piling) events.Add(piling);
        if (lag > 0.5) notes.Add(Inv($"An iteration took ~{lag:0.#} s at low load (Little's law: VUs in use / iterations per second), so each step's achieved rate is compared with the rate offered {lag:0.#} s earlier."));

        var ordered = events.OrderBy(e => e.Step).ThenBy(e => e.Rps).ToList();
        var best = trusted.Count > 0 ? trusted.MaxBy(s => s.Rps) : null;
        // The knee of achieved against offered: where the API stops following the schedule.
        double? kneeOffered = null, kneeRps = null, kneeVus = null;
        var curve = trusted.Where(s => s.OfferedRate is > 0).Select(s => (s.OfferedRate!.Value, s.AchievedRate)).ToList();
        if (Kneedle.FindKnee(curve) is { } k)
        {
            var at = trusted.Where(s => s.OfferedRate is not null).MinBy(s => Math.Abs(s.OfferedRate!.Value - k))!;
            (kneeOffered, kneeRps, kneeVus) = (k, at.Rps, at.MeanVus);
        }
        // Concurrency against throughput follows the USL in an open model too (N = VUs in use, Little's law).
        var usl = UslFitter.Fit(trusted.Where(s => s.MeanVus > 0).Select(s => (s.MeanVus, s.Rps)).ToList());
        if (usl is null) notes.Add(Inv($"USL not fitted: {trusted.Count} trusted step(s), at least {UslFitter.MinimumPoints} with VUs in use are needed."));
        return new BreakingPointResult(ordered.FirstOrDefault(), ordered, kneeVus, kneeRps, usl, best?.Rps ?? 0, best?.MeanVus ?? 0, untrusted, notes)
        {
            Model = LoadModel.Open,
            KneeOfferedRate = kneeOffered,
        };
    }

    /// <summary>Seconds one iteration takes while nothing queues: VUs in use / achieved rate at the first healthy steps.</summary>
    public static double IterationSeconds(IReadOnlyList<LoadStep> trusted)
    {
        var early = trusted.Where(s => s.AchievedRate >= MinOfferedRate && s.MeanVus > 0).Take(3).Select(s => s.MeanVus / s.AchievedRate).Order().ToList();
        return early.Count == 0 ? 0 : early[early.Count / 2];
    }

    private static BreakEvent? Behind(IReadOnlyList<LoadStep> trusted, IReadOnlyList<LoadStep> all, double lag)
    {
        bool IsBehind(LoadStep s, out double offered)
        {
            offered = OfferedAt(all, s.StartSecond + s.Seconds / 2 - lag) ?? s.OfferedRate ?? 0;
            return offered >= MinOfferedRate && s.AchievedRate < (1 - BehindShare) * offered;
        }
        for (var i = 0; i < trusted.Count; i++)
        {
            if (!IsBehind(trusted[i], out var offered)) continue;
            if (i + 1 < trusted.Count && !IsBehind(trusted[i + 1], out _)) continue;
            var s = trusted[i];
            var lagNote = lag > 0.5 ? Inv($" ({lag:0.#} s earlier)") : "";
            return new BreakEvent(BreakKind.BehindOffered, s.MeanVus, s.Rps,
                Inv($"achieved {s.AchievedRate:0.#} it/s fell {1 - s.AchievedRate / offered:0%} behind the {offered:0.#} it/s offered{lagNote} in step {s.Index + 1} ({s.Label}), {s.Dropped} iteration(s) dropped, {s.MeanVus:0} VUs in use"))
            {
                OfferedRate = offered,
                IterationsPerSecond = s.AchievedRate,
                Step = s.Index,
            };
        }
        return null;
    }

    private static BreakEvent? VusWithoutThroughput(IReadOnlyList<LoadStep> trusted)
    {
        bool Piling(LoadStep before, LoadStep now, out double vuGrowth, out double throughputGrowth)
        {
            vuGrowth = before.MeanVus > 0 ? now.MeanVus / before.MeanVus - 1 : 0;
            throughputGrowth = before.Rps > 0 ? now.Rps / before.Rps - 1 : 0;
            return now.MeanVus >= MinVusForGrowthRule && vuGrowth >= VuGrowth && throughputGrowth < ThroughputShareOfVuGrowth * vuGrowth;
        }
        for (var i = 1; i < trusted.Count; i++)
        {
            if (!Piling(trusted[i - 1], trusted[i], out var vuGrowth, out var throughputGrowth)) continue;
            // Must persist: VUs stay up and throughput does not catch up at the next step.
            if (i + 1 < trusted.Count && trusted[i + 1].Rps > trusted[i - 1].Rps * (1 + ThroughputShareOfVuGrowth * vuGrowth)) continue;
            StepPair pair = new(trusted[i - 1], trusted[i]);
            return new BreakEvent(BreakKind.VusWithoutThroughput, pair.Now.MeanVus, pair.Now.Rps,
                Inv($"VUs in use grew {pair.Before.MeanVus:0} → {pair.Now.MeanVus:0} (+{vuGrowth:0%}) while throughput moved {throughputGrowth:+0%;-0%;0%} ({pair.Before.Rps:0} → {pair.Now.Rps:0} RPS) in step {pair.Now.Index + 1} ({pair.Now.Label}): requests queue behind a limit"))
            {
                OfferedRate = pair.Now.OfferedRate,
                IterationsPerSecond = pair.Now.AchievedRate,
                Step = pair.Now.Index,
            };
        }
        return null;
    }

    private readonly record struct StepPair(LoadStep Before, LoadStep Now);

    // First step over the limit that stays over at the next measured step; interpolated from the last good step.
    private static void AddCrossing(List<BreakEvent> events, IReadOnlyList<LoadStep> steps, BreakKind kind, Func<LoadStep, double> metric, double limit, int minRequests, Func<double, string> describe)
    {
        var measured = steps.Where(s => s.Requests >= minRequests).ToList();
        for (var i = 0; i < measured.Count; i++)
        {
            var value = metric(measured[i]);
            if (value <= limit) continue;
            if (i + 1 < measured.Count && metric(measured[i + 1]) <= limit) continue;
            var s = measured[i];
            double rps = s.Rps, vus = s.MeanVus, offered = s.OfferedRate ?? 0, achieved = s.AchievedRate;
            if (i > 0)
            {
                var p = measured[i - 1];
                var before = metric(p);
                var f = value > before ? Math.Clamp((limit - before) / (value - before), 0, 1) : 1;
                rps = p.Rps + f * (s.Rps - p.Rps);
                vus = p.MeanVus + f * (s.MeanVus - p.MeanVus);
                offered = (p.OfferedRate ?? 0) + f * ((s.OfferedRate ?? 0) - (p.OfferedRate ?? 0));
                achieved = p.AchievedRate + f * (s.AchievedRate - p.AchievedRate);
            }
            events.Add(new BreakEvent(kind, vus, rps, Inv($"{describe(value)} in step {s.Index + 1} ({s.Label}); interpolated ~{rps:0} RPS, {vus:0} VUs in use"))
            {
                OfferedRate = s.OfferedRate is null ? null : offered,
                IterationsPerSecond = achieved,
                Step = s.Index,
            });
            return;
        }
    }

    /// <summary>The offered rate at a second of the run, linear within each step from its start rate to its end rate.</summary>
    private static double? OfferedAt(IReadOnlyList<LoadStep> steps, double second)
    {
        foreach (var s in steps)
        {
            if (second < s.StartSecond || second >= s.StartSecond + s.Seconds) continue;
            if (s.OfferedFrom is not { } from || s.OfferedTo is not { } to) return s.OfferedRate;
            var f = s.Seconds > 0 ? (second - s.StartSecond) / s.Seconds : 0;
            return from + (to - from) * f;
        }
        return second < 0 && steps.Count > 0 ? steps[0].OfferedFrom ?? steps[0].OfferedRate : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
