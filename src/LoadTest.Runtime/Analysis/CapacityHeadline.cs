using System.Globalization;

namespace LoadTest.Runtime.Analysis;

/// <summary>
/// The one capacity number of a run: the throughput the API sustains within the SLOs, in requests and flow
/// iterations per second, with how it was found. LowerBound when the API never saturated (it can do at least this).
/// </summary>
public sealed record CapacityHeadline(
    double Rps,
    double? IterationsPerSecond,
    bool LowerBound,
    string Method,
    BreakKind? LimitedBy,
    double? Vus,
    double? OfferedRate)
{
    /// <summary>"sustainable capacity: 296 RPS (98.5 iterations/s) within the SLOs".</summary>
    public string Text => (LowerBound ? "sustainable capacity: at least " : "sustainable capacity: ") +
                          Format(Rps) + " RPS" + (IterationsPerSecond is { } it ? " (" + Format(it) + " iterations/s)" : "") + " within the SLOs";

    private static string Format(double value) => value.ToString(value >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture);
}

/// <summary>Another estimate of where the API stops, set against the headline: agreeing within 10 %, or explained.</summary>
public sealed record SupportingEstimate(string Name, double? Rps, bool Agrees, string Text);

public sealed record CapacityResult(CapacityHeadline? Headline, IReadOnlyList<SupportingEstimate> Supporting, double? RequestsPerIteration);

/// <summary>
/// Chooses the headline from the breaking-point analysis, one rule per run shape, and checks every other estimate
/// (knee, SLO crossing, measured maximum, USL peak) against it. Pure: analysis results in, headline out.
/// </summary>
public static class CapacityAnalysis
{
    /// <summary>Estimates within this share of the headline agree with it.</summary>
    public const double AgreementBand = 0.10;

    /// <summary>
    /// Closed model. When throughput stopped rising (plateau, retrograde) before an SLO was crossed, the capacity is the
    /// median throughput of the load levels on that plateau that still met the SLOs (one level's burst is not capacity);
    /// when an SLO was crossed first, the throughput where it was crossed; with neither, the highest throughput seen, as
    /// a lower bound.
    /// </summary>
    public static CapacityResult Closed(IReadOnlyList<LoadPoint> levels, BreakingPointResult breaking, SloLimits slo, double? requestsPerIteration)
    {
        var trusted = levels.Where(l => l.Trusted && l.Rps > 0).OrderBy(l => l.Vus).ToList();
        if (trusted.Count == 0) return new CapacityResult(null, [], requestsPerIteration);
        var sloBreak = breaking.Events.Where(e => !e.IsThroughputLimit).MinBy(e => e.Vus);
        var throughputBreak = breaking.Events.Where(e => e.IsThroughputLimit).MinBy(e => e.Vus);
        var retrograde = breaking.Events.Where(e => e.Kind == BreakKind.Retrograde).MinBy(e => e.Vus);
        // Levels that met the SLOs and came before throughput fell.
        var within = trusted.Where(l => (sloBreak is null || l.Vus < sloBreak.Vus) && (retrograde is null || l.Vus < retrograde.Vus)).ToList();
        CapacityHeadline headline;
        if (throughputBreak is not null && (sloBreak is null || throughputBreak.Vus <= sloBreak.Vus) && within.Count > 0)
        {
            var top = within.Max(l => l.Rps);
            var plateau = within.Where(l => l.Vus >= throughputBreak.Vus - 1e-9 && l.Rps >= (1 - BreakingPointAnalysis.RetrogradeDrop) * top).ToList();
            if (plateau.Count == 0) plateau = within.Where(l => l.Rps >= (1 - BreakingPointAnalysis.RetrogradeDrop) * top).ToList();
            var rps = Median(plateau.Select(l => l.Rps));
            var iterations = plateau.All(l => l.IterationsPerSecond > 0) ? Median(plateau.Select(l => l.IterationsPerSecond)) : PerIteration(rps, requestsPerIteration);
            var why = throughputBreak.Kind == BreakKind.Retrograde ? "before throughput fell" : "where throughput had stopped rising";
            var method = plateau.Count == 1
                ? Inv($"throughput at {plateau[0].Vus:0} VUs, {why}, with the SLOs still met")
                : Inv($"median throughput of the {plateau.Count} load levels from {plateau.Min(l => l.Vus):0} to {plateau.Max(l => l.Vus):0} VUs, {why}, with the SLOs still met");
            headline = new CapacityHeadline(rps, iterations, false, method, throughputBreak.Kind, throughputBreak.Vus, null);
        }
        else if (sloBreak is not null)
        {
            headline = new CapacityHeadline(sloBreak.Rps, sloBreak.IterationsPerSecond ?? InterpolateIterations(trusted, sloBreak.Vus) ?? PerIteration(sloBreak.Rps, requestsPerIteration), false,
                Inv($"throughput where the {sloBreak.Rule.Replace(" over the SLO", "", StringComparison.Ordinal)} reached its limit, interpolated between load levels ({sloBreak.Evidence})"),
                sloBreak.Kind, sloBreak.Vus, null);
        }
        else
        {
            var best = (within.Count > 0 ? within : trusted).MaxBy(l => l.Rps)!;
            headline = new CapacityHeadline(best.Rps, best.IterationsPerSecond > 0 ? best.IterationsPerSecond : PerIteration(best.Rps, requestsPerIteration), true,
                Inv($"the highest throughput measured ({best.Vus:0} VUs); the API met the SLOs and kept scaling, so it can do at least this — test with more load to find the limit"),
                null, best.Vus, null);
        }
        return new CapacityResult(headline, Supporting(headline, breaking, trusted.Select(l => new Level(l.Rps, l.Vus, l.Seconds, l.P95Ms, l.P99Ms, l.ErrorRate)).ToList(), "VUs", slo), requestsPerIteration);
    }

    /// <summary>
    /// Open model. The capacity is the highest throughput of a step up to the breaking step that met the SLOs (at the
    /// step where achieved falls behind offered the API delivers all it can); when an SLO was crossed first, the
    /// throughput where it was crossed; with no break, the highest throughput seen, as a lower bound.
    /// </summary>
    public static CapacityResult Open(IReadOnlyList<LoadStep> steps, BreakingPointResult breaking, SloLimits slo, double? requestsPerIteration)
    {
        var trusted = steps.Where(s => s.Kind != StageKind.RampDown && s.Trusted && s.Rps > 0).ToList();
        if (trusted.Count == 0) return new CapacityResult(null, [], requestsPerIteration);
        var first = breaking.First;
        bool MeetsSlo(LoadStep s) =>
            (s.Requests < EvidenceRules.MinRequestsForPercentiles || (s.P95Ms <= slo.P95Ms && s.P99Ms <= slo.P99Ms)) &&
            (s.Requests < EvidenceRules.MinRequestsForErrorRate || s.ErrorRate <= slo.ErrorRate);
        var candidates = trusted.Where(s => (first?.Step is not { } limit || s.Index <= limit) && MeetsSlo(s)).ToList();
        CapacityHeadline headline;
        if (first is { IsThroughputLimit: true } && candidates.Count > 0)
        {
            var best = candidates.MaxBy(s => s.Rps)!;
            headline = new CapacityHeadline(best.Rps, best.AchievedRate > 0 ? best.AchievedRate : PerIteration(best.Rps, requestsPerIteration), false,
                Inv($"highest throughput of a step that met the SLOs, up to step {first.Step + 1} where {first.Rule} (step {best.Index + 1}, {best.Label}, {best.MeanVus:0} VUs in use)"),
                first.Kind, best.MeanVus, best.OfferedRate);
        }
        else if (first is not null && !first.IsThroughputLimit)
        {
            headline = new CapacityHeadline(first.Rps, first.IterationsPerSecond ?? PerIteration(first.Rps, requestsPerIteration), false,
                Inv($"throughput where the {first.Rule.Replace(" over the SLO", "", StringComparison.Ordinal)} reached its limit, interpolated between steps ({first.Evidence})"),
                first.Kind, first.Vus, first.OfferedRate);
        }
        else
        {
            var best = (candidates.Count > 0 ? candidates : trusted).MaxBy(s => s.Rps)!;
            headline = new CapacityHeadline(best.Rps, best.AchievedRate > 0 ? best.AchievedRate : PerIteration(best.Rps, requestsPerIteration), true,
                Inv($"the highest throughput measured (step {best.Index + 1}, {best.Label}); the API kept up with the offered rate within the SLOs, so it can do at least this — offer more to find the limit"),
                null, best.MeanVus, best.OfferedRate);
        }
        return new CapacityResult(headline, Supporting(headline, breaking, trusted.Select(s => new Level(s.Rps, s.MeanVus, s.Seconds, s.P95Ms, s.P99Ms, s.ErrorRate)).ToList(), "VUs in use", slo), requestsPerIteration);
    }

    /// <summary>Requests per flow iteration (null when iterations were not recorded).</summary>
    public static double? RequestsPerIteration(long requests, long iterations) => iterations > 0 && requests > 0 ? (double)requests / iterations : null;

    /// <summary>
    /// Requests one iteration sends, leaving out the endpoints called about once per VU (<see cref="OncePerVu"/>).
    /// Short runs would otherwise count every VU's sign-up and login as part of the flow: 2 VUs doing 7 iterations made a
    /// 4-request flow read as 4.57.
    /// </summary>
    public static double? RequestsPerIteration(Results.RunTimeSeries series, LoadModel model)
    {
        var iterations = series.Windows.Sum(w => w.Iterations);
        if (iterations == 0) return null;
        var perEndpoint = series.Windows.SelectMany(w => w.Series).GroupBy(s => (s.Name, s.Method)).ToDictionary(g => g.Key, g => g.Sum(s => s.Requests));
        var session = OncePerVu(series, model);
        var perIteration = perEndpoint.Where(e => !session.Contains(e.Key)).Sum(e => e.Value);
        return RequestsPerIteration(perIteration > 0 ? perIteration : perEndpoint.Values.Sum(), iterations);
    }

    /// <summary>
    /// Endpoints called about once per VU rather than once per iteration (a sign-up, a sign-in whose token is kept):
    /// at most 1.2 × the VUs that ran and at most half the iterations (an endpoint of the flow is called about once per
    /// iteration). Empty when iterations were not recorded.
    /// </summary>
    public static IReadOnlySet<(string Name, string Method)> OncePerVu(Results.RunTimeSeries series, LoadModel model)
    {
        var iterations = series.Windows.Sum(w => w.Iterations);
        if (iterations == 0 || series.Windows.Count == 0) return new HashSet<(string, string)>();
        var vus = series.Windows.Max(w => model == LoadModel.Open ? w.VusMax : w.Vus);
        return series.Windows.SelectMany(w => w.Series).GroupBy(s => (s.Name, s.Method))
            .Where(g => g.Sum(s => s.Requests) is var r && r <= 1.2 * vus && r <= 0.5 * iterations)
            .Select(g => g.Key).ToHashSet();
    }

    /// <summary>
    /// The series without its once-per-VU endpoints: the flow's own throughput. While VUs ramp up, each new VU's
    /// sign-up and login add requests the flow will not repeat (in the demo ~30 RPS above the pool's 320), which would
    /// read as capacity. The series itself when nothing is left out or nothing would remain.
    /// </summary>
    public static Results.RunTimeSeries FlowOnly(Results.RunTimeSeries series, LoadModel model)
    {
        var session = OncePerVu(series, model);
        if (session.Count == 0) return series;
        var windows = series.Windows.Select(w => w with { Series = [.. w.Series.Where(s => !session.Contains((s.Name, s.Method)))] }).ToList();
        return windows.Any(w => w.Series.Count > 0) ? series with { Windows = windows } : series;
    }

    private readonly record struct Level(double Rps, double Vus, double Seconds, double P95Ms, double P99Ms, double ErrorRate)
    {
        /// <summary>Successful requests per second: failures that come back fast (a pool timeout) are not capacity.</summary>
        public double Goodput => Rps * (1 - ErrorRate);
    }

    private static List<SupportingEstimate> Supporting(CapacityHeadline h, BreakingPointResult b, IReadOnlyList<Level> levels, string vuName, SloLimits sloLimits)
    {
        var list = new List<SupportingEstimate>();
        bool Agrees(double x) => Math.Abs(x - h.Rps) <= AgreementBand * h.Rps;
        string Diff(double x) => Inv($"{(x - h.Rps) / h.Rps:+0%;-0%;0%}");

        if (b.KneeRps is { } knee)
        {
            var where = b.KneeOfferedRate is { } offered ? Inv($"{offered:0.#} it/s offered") : Inv($"{b.KneeVus:0} {vuName}");
            list.Add(new SupportingEstimate("Knee (Kneedle)", knee, Agrees(knee), Agrees(knee)
                ? Inv($"{knee:0} RPS at {where} ({Diff(knee)}): agrees — throughput bends where the limit is reached.")
                : knee < h.Rps
                    ? Inv($"{knee:0} RPS at {where} ({Diff(knee)}): where scaling first bends; throughput still rose to the headline after it, so the knee marks the start of the bend, not the limit.")
                    : Inv($"{knee:0} RPS at {where} ({Diff(knee)}): throughput kept scaling past the headline, which an SLO, not throughput, set.")));
        }
        var slo = b.Events.Where(e => !e.IsThroughputLimit).MinBy(e => e.Rps);
        if (slo is null)
        {
            list.Add(new SupportingEstimate("SLO crossing", null, true, "not crossed: latency and errors stayed within the SLOs at every trusted level, so they did not set the capacity."));
        }
        else if (h.LimitedBy == slo.Kind)
        {
            list.Add(new SupportingEstimate("SLO crossing", slo.Rps, true, Inv($"{slo.Rps:0} RPS: the headline itself — {slo.Evidence}.")));
        }
        else
        {
            list.Add(new SupportingEstimate("SLO crossing", slo.Rps, Agrees(slo.Rps), Agrees(slo.Rps)
                ? Inv($"{slo.Rps:0} RPS ({Diff(slo.Rps)}): agrees — {slo.Evidence}, once throughput had reached the limit and requests queued.")
                : slo.Rps > h.Rps
                    ? Inv($"{slo.Rps:0} RPS ({Diff(slo.Rps)}): {slo.Evidence}; above the sustained rate because levels past the limit mix a short burst with the queue that followed.")
                    : Inv($"{slo.Rps:0} RPS ({Diff(slo.Rps)}): {slo.Evidence}; at a level after throughput had already fallen.")));
        }
        if (levels.Count > 0)
        {
            // Successful requests only: a flood of fast failures is not throughput the API can sustain.
            var max = levels.MaxBy(l => l.Goodput);
            var x = max.Goodput;
            var overSlo = max.P95Ms > sloLimits.P95Ms || max.P99Ms > sloLimits.P99Ms || max.ErrorRate > sloLimits.ErrorRate;
            list.Add(new SupportingEstimate("Measured maximum", x, Agrees(x), Agrees(x)
                ? Inv($"{x:0} successful RPS at {max.Vus:0} {vuName} ({Diff(x)}): agrees{(h.LowerBound ? " — the headline is this maximum, a lower bound" : "")}.")
                : x < h.Rps
                    ? Inv($"{x:0} successful RPS at {max.Vus:0} {vuName} ({Diff(x)}): below the headline, which is the throughput of all requests there.")
                    : overSlo
                        ? Inv($"{x:0} successful RPS at {max.Vus:0} {vuName} ({Diff(x)}), but with p95 {max.P95Ms:0}ms, p99 {max.P99Ms:0}ms, {max.ErrorRate:0.#%} errors there — over the SLOs: throughput bought with latency is not sustainable capacity.")
                        : Inv($"{x:0} successful RPS at {max.Vus:0} {vuName} for {max.Seconds:0.#} s ({Diff(x)}): a short peak, not sustained; the levels around the limit averaged the headline.")));
        }
        if (b.Usl is { } usl && double.IsFinite(usl.PeakThroughput))
        {
            var peak = usl.PeakThroughput;
            var at = double.IsInfinity(usl.PeakConcurrency) ? "its asymptote (κ = 0: no retrograde region)" : Inv($"N* = {usl.PeakConcurrency:0} {vuName}");
            list.Add(new SupportingEstimate("USL peak", peak, Agrees(peak), Agrees(peak)
                ? Inv($"{peak:0} RPS at {at} ({Diff(peak)}), R² = {usl.RSquared:0.###}: agrees.")
                : peak > h.Rps
                    ? Inv($"{peak:0} RPS at {at} ({Diff(peak)}), R² = {usl.RSquared:0.###}: the model's smooth curve cannot turn the hard corner of a fixed limit (a pool) and overshoots it; read it as an upper bound.")
                    : Inv($"{peak:0} RPS at {at} ({Diff(peak)}), R² = {usl.RSquared:0.###}: the fit rounds the curve off below the measured plateau.")));
        }
        return list;
    }

    private static double? PerIteration(double rps, double? requestsPerIteration) => requestsPerIteration is > 0 ? rps / requestsPerIteration : null;

    private static double? InterpolateIterations(IReadOnlyList<LoadPoint> levels, double vus)
    {
        if (levels.Any(l => l.IterationsPerSecond <= 0)) return null;
        var below = levels.LastOrDefault(l => l.Vus <= vus);
        var above = levels.FirstOrDefault(l => l.Vus > vus);
        if (below is null) return above?.IterationsPerSecond;
        if (above is null) return below.IterationsPerSecond;
        var f = (vus - below.Vus) / (above.Vus - below.Vus);
        return below.IterationsPerSecond + f * (above.IterationsPerSecond - below.IterationsPerSecond);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
