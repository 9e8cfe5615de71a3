using System.Globalization;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>Where and how one endpoint started to degrade; At says the load ("~40 VUs", "~120 it/s offered").</summary>
public sealed record EndpointDegradation(string Endpoint, double Vus, double Rps, string How, double BaselineP95Ms, double P95Ms, double ErrorRate)
{
    public string At { get; init; } = "";

    /// <summary>Requests of this endpoint in the load level where it degraded (at least <see cref="EvidenceRules.MinRequestsForPercentiles"/>).</summary>
    public long Requests { get; init; }

    /// <summary>The load there: VUs (closed model) or the offered iteration rate (open model).</summary>
    public double Load { get; init; }
}

/// <summary>A resource's ceiling: the throughput its capacity allows, and how much of it the headline capacity uses.</summary>
public sealed record ResourceCeiling(string Resource, string Capacity, double? ImpliedMaxRps, double? UseAtCapacity, string Evidence);

/// <summary>The likely limit and the evidence for it.</summary>
public sealed record BottleneckResult(
    EndpointDegradation? FirstToDegrade,
    IReadOnlyList<EndpointDegradation> Endpoints,
    IReadOnlyList<ResourceCeiling> Ceilings,
    string? LikelyLimit,
    string Evidence,
    double? ServiceTimeMs,
    double? InFlightAtCapacity,
    double? ThinkTimeSeconds)
{
    /// <summary>The database pool's demand per request (queries × hold), when the topology has a database.</summary>
    public PoolDemand? PoolDemand { get; init; }

    /// <summary>Endpoints left out of the degradation ranking, and why (too few requests to read a p95 from).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Names the bottleneck: which endpoint degrades first (p95 doubling over its low-load value, or an SLO break, read
/// only from load levels with enough requests) and, given a topology, which resource's ceiling — from the measured
/// per-request demand (Little's law λ = L/W) — the headline capacity reaches.
/// </summary>
public static class BottleneckAnalysis
{
    /// <summary>A resource whose ceiling is within this band of the headline capacity is a match.</summary>
    public const double MatchLow = 0.7, MatchHigh = 1.35;

    public static BottleneckResult Analyse(RunTimeSeries series, IReadOnlyList<LoadPoint> levels, BreakingPointResult breaking, CapacityHeadline? headline, SloLimits slo, Topology? topology,
        MeasuredQueries? measuredQueries = null)
    {
        var model = breaking.Model;
        var notes = new List<string>();
        var endpoints = Degradations(series, slo, model, notes);
        var trusted = levels.Where(l => l.Trusted && l.Requests > 0).OrderBy(l => l.Vus).ToList();
        if (trusted.Count == 0)
        {
            return new BottleneckResult(endpoints.FirstOrDefault(), endpoints, [], null, "No trusted load levels: nothing to compare.", null, null, null) { Notes = notes };
        }
        // Service time: the median response at the lowest load with enough requests, where nothing queues yet.
        var low = trusted.FirstOrDefault(l => l.Requests >= EvidenceRules.MinRequestsForPercentiles) ?? trusted[0];
        var serviceMs = low.P50Ms;
        var capacityRps = headline?.Rps ?? breaking.MaxTrustedRps;
        var atCapacity = trusted.MinBy(l => Math.Abs(l.Rps - capacityRps) + (headline?.Vus is { } v ? Math.Abs(l.Vus - v) : 0))!;
        var inFlight = Queueing.InFlight(capacityRps, atCapacity.P50Ms / 1000.0);
        double? think = model == LoadModel.Closed ? Queueing.ThinkTime(low.Vus, low.Rps, low.P50Ms / 1000.0) : null;

        PoolDemand? demand = topology?.Database is { } db ? ResourceDemand.Database(db, Mix(series), serviceMs, measuredQueries) : null;
        var ceilings = topology is null ? [] : Ceilings(topology, demand, capacityRps, inFlight);
        var saturated = headline is { LowerBound: false } || (headline is null && breaking.Events.Count > 0);
        string? likely = null;
        string evidence;
        // The resource the headline uses most of, among those whose ceiling is near it.
        var matching = ceilings
            .Where(c => c.ImpliedMaxRps is { } r && r >= capacityRps * MatchLow && r <= capacityRps * MatchHigh)
            .OrderBy(c => Math.Abs(1 - (c.UseAtCapacity ?? 0)))
            .ToList();
        var what = headline is null ? Inv($"Measured ceiling {capacityRps:0} RPS") : Inv($"The headline {capacityRps:0} RPS");
        if (!saturated)
        {
            evidence = Inv($"The API did not saturate: at the highest load ({atCapacity.Vus:0} {VuName(model)}, {atCapacity.Rps:0} RPS) it met the SLOs and throughput still scaled. Test with more load to find the limit.");
        }
        else if (matching.Count > 0)
        {
            likely = matching[0].Resource;
            evidence = Inv($"{matching[0].Resource}: {matching[0].Evidence} {what} puts it at {matching[0].UseAtCapacity:0%} use; by Little's law {inFlight:0.#} requests were in flight there (L = {capacityRps:0} RPS × {atCapacity.P50Ms / 1000.0:0.###} s).");
        }
        else if (ceilings.Count > 0)
        {
            evidence = Inv($"No described resource's ceiling is near the {capacityRps:0} RPS the API sustained; the limit is elsewhere (thread pool, CPU, an external call). Measure CPU ms per request or connection hold times to narrow it down.");
        }
        else
        {
            evidence = Inv($"{what} with {inFlight:0.#} requests in flight (Little's law). Describe the topology (pods, pool size, max_connections, queries per request) in the capacity input to name the resource.");
        }
        return new BottleneckResult(endpoints.FirstOrDefault(), endpoints, ceilings, likely, evidence, serviceMs, inFlight, think)
        {
            PoolDemand = demand,
            Notes = notes,
        };
    }

    /// <summary>Requests per endpoint over the run (the mix the demand is weighted by; a flow's mix hardly changes with load).</summary>
    public static IReadOnlyList<(string Endpoint, long Requests)> Mix(RunTimeSeries series) =>
        series.Windows
            .SelectMany(w => w.Series)
            .GroupBy(s => EndpointName.Of(s.Name, s.Method))
            .Select(g => (g.Key, g.Sum(s => s.Requests)))
            .ToList();

    private static List<ResourceCeiling> Ceilings(Topology topology, PoolDemand? demand, double capacityRps, double inFlight)
    {
        var list = new List<ResourceCeiling>();
        if (topology.Database is { } db && demand is not null)
        {
            var pooled = topology.Pods * db.PoolSizePerPod;
            var connections = Math.Min(pooled, db.MaxConnections);
            var max = Queueing.MaxThroughput(connections, demand.MsPerRequest / 1000.0);
            var limitedBy = pooled <= db.MaxConnections
                ? Inv($"pool {db.PoolSizePerPod} × {topology.Pods} pod(s) = {pooled}")
                : Inv($"max_connections {db.MaxConnections} (below pool total {pooled})");
            var hold = db.ConnectionHoldMs is null ? Inv($"{demand.HoldMsPerQuery:0.#} ms per query, the low-load response time, an upper bound") : Inv($"{demand.HoldMsPerQuery:0.#} ms per query");
            list.Add(new ResourceCeiling("Database connection pool", Inv($"{connections} connections ({limitedBy})"), max,
                max > 0 ? capacityRps / max : null,
                Inv($"{connections} connections; a request holds one {demand.MsPerRequest:0.#} ms on average ({demand.Basis}; {hold}), so they allow {max:0} RPS (λ = c/W).")));
        }
        if (topology.CpuMsPerRequest is { } cpuMs && cpuMs > 0)
        {
            var cores = topology.Pods * topology.PodCpu;
            var max = cores * 1000.0 / cpuMs;
            list.Add(new ResourceCeiling("API pod CPU", Inv($"{cores:0.##} cores ({topology.Pods} × {topology.PodCpu:0.##})"), max, capacityRps / max,
                Inv($"{cores:0.##} cores at {cpuMs:0.#} CPU ms per request allow {max:0} RPS.")));
        }
        if (topology.Cache is { MaxConnections: { } cacheConnections } cache)
        {
            var holdMs = cache.ConnectionHoldMs;
            double? max = holdMs is { } h && h > 0 ? Queueing.MaxThroughput(cacheConnections, h / 1000.0) : null;
            list.Add(new ResourceCeiling("Cache connections", Inv($"{cacheConnections} connections ({cache.NodeType})"), max,
                max is { } m ? capacityRps / m : inFlight / cacheConnections,
                max is { } mm
                    ? Inv($"{cacheConnections} connections held {holdMs:0.#} ms allow {mm:0} RPS.")
                    : Inv($"{inFlight:0} requests in flight at capacity against {cacheConnections} cache connections.")));
        }
        return list;
    }

    // Per endpoint: windows in load order, merged until each group holds enough of its requests to read a p95 from.
    private static List<EndpointDegradation> Degradations(RunTimeSeries series, SloLimits slo, LoadModel model, List<string> notes)
    {
        var rampDown = StageDetector.Stages(series).Where(s => s.Kind == StageKind.RampDown).ToList();
        var marksEnd = series.Stages.Count > 0 ? series.Stages.Max(s => s.End) : DateTimeOffset.MaxValue;
        var rising = series.Windows
            .Where(w => model == LoadModel.Open ? w.Start < marksEnd && GeneratorHealth.CpuTrusted(w) : GeneratorHealth.IsTrusted(w) && w.Vus > 0)
            .Where(w => model == LoadModel.Open || !rampDown.Any(s => w.Start >= s.Start && w.Start < s.End))
            .ToList();
        double Load(TimeWindow w) => model == LoadModel.Open
            ? LoadModelDetector.OfferedAt(series, w.Start.AddSeconds(w.Seconds / 2)) ?? w.Iterations + w.DroppedIterations
            : w.Vus;
        var ordered = model == LoadModel.Open ? rising.OrderBy(w => w.Start).ToList() : rising.OrderBy(w => w.Vus).ThenBy(w => w.Start).ToList();
        var keys = series.Windows.SelectMany(w => w.Series).Select(s => (s.Name, s.Method)).Distinct().ToList();
        var result = new List<EndpointDegradation>();
        foreach (var key in keys)
        {
            bool Mine(SeriesWindow s) => s.Name == key.Name && s.Method == key.Method;
            var groups = new List<List<TimeWindow>>();
            var current = new List<TimeWindow>();
            long count = 0;
            foreach (var w in ordered)
            {
                var n = w.Series.Where(Mine).Sum(s => s.Requests);
                if (n == 0) continue;
                current.Add(w);
                count += n;
                if (count < EvidenceRules.MinRequestsForPercentiles) continue;
                groups.Add(current);
                current = [];
                count = 0;
            }
            if (current.Count > 0 && groups.Count > 0) groups[^1].AddRange(current);
            var name = EndpointName.Of(key.Name, key.Method);
            if (groups.Count < 2)
            {
                var total = ordered.Sum(w => w.Series.Where(Mine).Sum(s => s.Requests));
                notes.Add(Inv($"{name}: {total} request(s) under load, too few to judge how it degraded (at least {EvidenceRules.MinRequestsForPercentiles} per load level, in two levels)."));
                continue;
            }
            var points = groups.Select(g =>
            {
                var a = WindowAggregate.Of(g, Mine);
                var load = g.Sum(w => Load(w) * w.Seconds) / Math.Max(g.Sum(w => w.Seconds), 1e-9);
                return (Load: load, Vus: g.Sum(w => w.Vus * w.Seconds) / Math.Max(g.Sum(w => w.Seconds), 1e-9), a.Rps, P95: a.P95, a.ErrorRate, a.Requests);
            }).ToList();
            var baseline = points[0].P95;
            bool Degraded(int i) => EvidenceRules.Slowed(points[i].P95, baseline) || points[i].P95 > slo.P95Ms || points[i].ErrorRate > slo.ErrorRate;
            for (var i = 1; i < points.Count; i++)
            {
                if (!Degraded(i) || (i + 1 < points.Count && !Degraded(i + 1))) continue;
                var p = points[i];
                var slow = EvidenceRules.Slowed(p.P95, baseline) || p.P95 > slo.P95Ms;
                var failing = p.ErrorRate > slo.ErrorRate;
                var how = (slow, failing) switch
                {
                    (true, true) => Inv($"latency and errors: p95 {p.P95:0}ms (from {baseline:0}ms) with {p.ErrorRate:0.#%} errors"),
                    (true, false) => Inv($"latency first: p95 {p.P95:0}ms, {p.P95 / Math.Max(baseline, 0.001):0.#}× its low-load {baseline:0}ms"),
                    _ => Inv($"errors first: {p.ErrorRate:0.#%} failed while p95 stayed at {p.P95:0}ms"),
                };
                var at = model == LoadModel.Open ? Inv($"~{p.Load:0.#} it/s offered ({p.Vus:0} VUs in use)") : Inv($"~{p.Load:0} VUs");
                result.Add(new EndpointDegradation(name, p.Vus, p.Rps, how, baseline, p.P95, p.ErrorRate) { At = at, Requests = p.Requests, Load = p.Load });
                break;
            }
        }
        return result.OrderBy(d => d.Load).ThenByDescending(d => d.P95Ms).ToList();
    }

    private static string VuName(LoadModel model) => model == LoadModel.Open ? "VUs in use" : "VUs";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
