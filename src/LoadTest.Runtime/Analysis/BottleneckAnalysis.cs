using System.Globalization;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>Where and how one endpoint started to degrade.</summary>
public sealed record EndpointDegradation(string Endpoint, double Vus, double Rps, string How, double BaselineP95Ms, double P95Ms, double ErrorRate);

/// <summary>A resource's ceiling: how much throughput its capacity allows, set against what was measured.</summary>
public sealed record ResourceCeiling(string Resource, string Capacity, double? ImpliedMaxRps, double? UtilisationAtPeak, string Evidence);

/// <summary>The likely limit and the evidence for it.</summary>
public sealed record BottleneckResult(
    EndpointDegradation? FirstToDegrade,
    IReadOnlyList<EndpointDegradation> Endpoints,
    IReadOnlyList<ResourceCeiling> Ceilings,
    string? LikelyLimit,
    string Evidence,
    double? ServiceTimeMs,
    double? InFlightAtPeak,
    double? ThinkTimeSeconds);

/// <summary>
/// Names the bottleneck: which endpoint degrades first (latency doubling over its low-load p95, or an SLO break),
/// and, given a topology, which resource's ceiling (Little's law λ = L/W) matches the measured throughput ceiling.
/// </summary>
public static class BottleneckAnalysis
{
    /// <summary>A ceiling within this band of the measured maximum is a match.</summary>
    public const double MatchLow = 0.7, MatchHigh = 1.35;

    public static BottleneckResult Analyse(RunTimeSeries series, IReadOnlyList<LoadPoint> levels, BreakingPointResult breaking, SloLimits slo, Topology? topology)
    {
        var endpoints = Degradations(series, slo);
        var trusted = levels.Where(l => l.Trusted).OrderBy(l => l.Vus).ToList();
        if (trusted.Count == 0)
        {
            return new BottleneckResult(endpoints.FirstOrDefault(), endpoints, [], null, "No trusted load levels: nothing to compare.", null, null, null);
        }
        // Service time: the median response at the lowest load, where nothing queues yet.
        var low = trusted[0];
        var serviceMs = low.P50Ms;
        var peak = trusted.MaxBy(l => l.Rps)!;
        var peakMeanSeconds = peak.P50Ms / 1000.0;
        var inFlight = Queueing.InFlight(peak.Rps, peakMeanSeconds);
        var think = Queueing.ThinkTime(low.Vus, low.Rps, low.P50Ms / 1000.0);

        var ceilings = topology is null ? [] : Ceilings(topology, serviceMs, peak, inFlight);
        var saturated = breaking.Events.Any(e => e.Kind is BreakKind.Plateau or BreakKind.Retrograde)
                        || breaking.Events.Any(e => e.Kind is BreakKind.P95OverLimit or BreakKind.ErrorRateOverLimit);
        string? likely = null;
        string evidence;
        var matching = ceilings
            .Where(c => c.ImpliedMaxRps is { } r && r >= breaking.MaxTrustedRps * MatchLow && r <= breaking.MaxTrustedRps * MatchHigh)
            .OrderBy(c => c.ImpliedMaxRps)
            .ToList();
        if (!saturated)
        {
            evidence = Inv($"The API did not saturate: the highest load ({peak.Vus:0} VUs, {peak.Rps:0} RPS) met the SLOs and throughput still scaled. Test with more load to find the limit.");
        }
        else if (matching.Count > 0)
        {
            likely = matching[0].Resource;
            evidence = Inv($"{matching[0].Resource}: {matching[0].Evidence} Measured ceiling {breaking.MaxTrustedRps:0} RPS at {breaking.VusAtMaxRps:0} VUs; by Little's law {inFlight:0.#} requests were in flight there (L = {peak.Rps:0} RPS × {peakMeanSeconds:0.###} s).");
        }
        else if (ceilings.Count > 0)
        {
            evidence = Inv($"No described resource's ceiling is near the measured {breaking.MaxTrustedRps:0} RPS; the limit is elsewhere (thread pool, CPU, an external call). Measure CPU ms per request or connection hold times to narrow it down.");
        }
        else
        {
            evidence = Inv($"Measured ceiling {breaking.MaxTrustedRps:0} RPS at {breaking.VusAtMaxRps:0} VUs with {inFlight:0.#} requests in flight (Little's law). Describe the topology (pods, pool size, max_connections) in the capacity input to name the resource.");
        }
        return new BottleneckResult(endpoints.FirstOrDefault(), endpoints, ceilings, likely, evidence, serviceMs, inFlight, think);
    }

    private static List<ResourceCeiling> Ceilings(Topology topology, double serviceMs, LoadPoint peak, double inFlight)
    {
        var list = new List<ResourceCeiling>();
        if (topology.Database is { } db)
        {
            var pooled = topology.Pods * db.PoolSizePerPod;
            var connections = Math.Min(pooled, db.MaxConnections);
            var holdMs = db.ConnectionHoldMs ?? serviceMs;
            var max = Queueing.MaxThroughput(connections, holdMs / 1000.0);
            var limitedBy = pooled <= db.MaxConnections
                ? Inv($"pool {db.PoolSizePerPod} × {topology.Pods} pod(s) = {pooled}")
                : Inv($"max_connections {db.MaxConnections} (below pool total {pooled})");
            list.Add(new ResourceCeiling("Database connection pool", Inv($"{connections} connections ({limitedBy})"), max,
                Queueing.InFlight(peak.Rps, holdMs / 1000.0) / connections,
                Inv($"{connections} connections held {holdMs:0.#} ms per request allow {max:0} RPS (λ = L/W).")));
        }
        if (topology.CpuMsPerRequest is { } cpuMs && cpuMs > 0)
        {
            var cores = topology.Pods * topology.PodCpu;
            var max = cores * 1000.0 / cpuMs;
            list.Add(new ResourceCeiling("API pod CPU", Inv($"{cores:0.##} cores ({topology.Pods} × {topology.PodCpu:0.##})"), max, peak.Rps / max,
                Inv($"{cores:0.##} cores at {cpuMs:0.#} CPU ms per request allow {max:0} RPS.")));
        }
        if (topology.Cache is { MaxConnections: { } cacheConnections } cache)
        {
            var holdMs = cache.ConnectionHoldMs;
            double? max = holdMs is { } h && h > 0 ? Queueing.MaxThroughput(cacheConnections, h / 1000.0) : null;
            list.Add(new ResourceCeiling("Cache connections", Inv($"{cacheConnections} connections ({cache.NodeType})"), max,
                max is { } m ? peak.Rps / m : inFlight / cacheConnections,
                max is { } mm
                    ? Inv($"{cacheConnections} connections held {holdMs:0.#} ms allow {mm:0} RPS.")
                    : Inv($"{inFlight:0} requests in flight at peak against {cacheConnections} cache connections.")));
        }
        return list;
    }

    private static List<EndpointDegradation> Degradations(RunTimeSeries series, SloLimits slo)
    {
        var keys = series.Windows.SelectMany(w => w.Series).Select(s => (s.Name, s.Method)).Distinct().ToList();
        var result = new List<EndpointDegradation>();
        foreach (var key in keys)
        {
            var points = LoadPoints.Build(series, s => s.Name == key.Name && s.Method == key.Method).Where(p => p.Trusted).ToList();
            if (points.Count < 2) continue;
            var baseline = points.Take(Math.Min(3, points.Count)).Min(p => p.P95Ms);
            var name = EndpointName.Of(key.Name, key.Method);
            foreach (var p in points)
            {
                var slow = p.P95Ms > Math.Max(2 * baseline, baseline + 20) || p.P95Ms > slo.P95Ms;
                var failing = p.ErrorRate > slo.ErrorRate;
                if (!slow && !failing) continue;
                var how = (slow, failing) switch
                {
                    (true, true) => Inv($"latency and errors: p95 {p.P95Ms:0}ms (from {baseline:0}ms) with {p.ErrorRate:0.#%} errors"),
                    (true, false) => Inv($"latency first: p95 {p.P95Ms:0}ms, {p.P95Ms / Math.Max(baseline, 0.001):0.#}× its low-load {baseline:0}ms"),
                    _ => Inv($"errors first: {p.ErrorRate:0.#%} failed while p95 stayed at {p.P95Ms:0}ms"),
                };
                result.Add(new EndpointDegradation(name, p.Vus, p.Rps, how, baseline, p.P95Ms, p.ErrorRate));
                break;
            }
        }
        return result.OrderBy(d => d.Vus).ThenByDescending(d => d.P95Ms).ToList();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
