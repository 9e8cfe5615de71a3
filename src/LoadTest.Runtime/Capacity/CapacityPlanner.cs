using System.Globalization;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Capacity;

/// <summary>What the analysis measured that the plan needs (all from the test run on the tested topology).</summary>
/// <param name="SustainableRps">The headline: the RPS the tested setup sustains within the SLOs.</param>
/// <param name="ServiceTimeMs">Response time at low load, the time a request holds a connection when nothing else is known.</param>
/// <param name="LikelyLimit">The resource the bottleneck analysis named, if any.</param>
/// <param name="ReadShare">Share of requests that read (GET or the listed read-heavy endpoints) at peak.</param>
/// <param name="PeakVus">Highest VUs in the run.</param>
public sealed record MeasuredCapacity(double SustainableRps, double ServiceTimeMs, string? LikelyLimit, double ReadShare, double PeakVus)
{
    /// <summary>Connection milliseconds one request costs the database pool (queries × hold, from the measured mix).</summary>
    public double? ConnectionMsPerRequest { get; init; }

    /// <summary>How the connection time per request was found, for the plan's reasons.</summary>
    public string? ConnectionBasis { get; init; }

    /// <summary>The API did not saturate: <see cref="SustainableRps"/> is a lower bound.</summary>
    public bool LowerBound { get; init; }
}

/// <summary>
/// Turns measurements and a growth target into concrete changes with costs, sized on the headline capacity. The change
/// that lifts the measured limit comes first (the pool, with the database's connection ceiling checked; or pods, the
/// database, the cache); then the others: pods and autoscaler, database class, read replica, cache tier. A row is only
/// written for something that changes. Pure: catalog and inputs in, plan out.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Chance a request may wait for a pooled connection at the design load (Erlang C).</summary>
    public const double PoolWaitProbability = 0.05;

    public const string PoolChange = "DB connection pool", PodsChange = "Scale API pods", AutoscalerChange = "API autoscaler",
        DatabaseChange = "Database upgrade", ReplicaChange = "Read replica", CacheChange = "Cache upgrade";

    public static (CapacityPlan Plan, IReadOnlyList<AnalysisDiagnostic> Diagnostics) Plan(CapacityPlanInput input, MeasuredCapacity measured, PriceCatalog catalog)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var assumptions = new List<string>();
        var changes = new List<PlanChange>();
        var current = input.Current;
        var tested = input.TestedTopology;
        var currency = catalog.Prices.FirstOrDefault()?.Currency ?? "USD";
        var limit = measured.LikelyLimit ?? "";
        var poolIsLimit = limit.Contains("pool", StringComparison.OrdinalIgnoreCase);
        var cpuIsLimit = limit.Contains("CPU", StringComparison.OrdinalIgnoreCase);
        var cacheIsLimit = limit.Contains("Cache", StringComparison.OrdinalIgnoreCase);
        var dbIsLimit = !poolIsLimit && limit.Contains("Database", StringComparison.OrdinalIgnoreCase);

        // Capacity of one pod: what the tested pods carried within the SLOs (the headline), shared equally.
        var perPod = tested.CpuMsPerRequest is { } cpuMs && cpuMs > 0
            ? tested.PodCpu * 1000.0 / cpuMs
            : measured.SustainableRps / Math.Max(1, tested.Pods);
        assumptions.Add(tested.CpuMsPerRequest is not null
            ? Inv($"One pod serves {perPod:0} RPS at full CPU ({tested.PodCpu:0.##} cores / {tested.CpuMsPerRequest:0.#} CPU ms per request).")
            : Inv($"One pod serves {perPod:0} RPS: the headline {measured.SustainableRps:0} RPS the {tested.Pods} tested pod(s) sustained within the SLOs, shared equally{(poolIsLimit || dbIsLimit || cacheIsLimit ? " — a lower bound, since another resource was the limit" : measured.LowerBound ? " — a lower bound, since the API did not saturate" : "")}."));
        assumptions.Add(Inv($"Target {input.TargetRps:0} RPS ({input.BaselineRps:0} × {input.GrowthFactor:0.##}); sized for {input.DesignRps:0} RPS with {input.Headroom:0%} headroom."));
        assumptions.Add("Monthly cost = hourly list price × 730 hours; per-pod cost = node price × max(CPU request share, memory request share) of the node.");

        // A growth plan never shrinks the fleet: the test proves capacity, not that today's pods are too many.
        var podsNeeded = (int)Math.Ceiling(input.DesignRps / Math.Max(perPod, 1e-9));
        var pods = Math.Max(current.Pods, podsNeeded);
        var autoscalerMin = Math.Min(pods, Math.Max(2, (int)Math.Ceiling(input.TargetRps / Math.Max(perPod, 1e-9))));
        var autoscalerMax = Math.Max(pods, (int)Math.Ceiling(input.DesignRps / Math.Max(perPod * input.AutoscalerTargetCpu, 1e-9)));
        var podPrice = PodMonthly(catalog, input, current, diagnostics, out var podCitation);

        // Database class and read replica first decided, so the pool can be checked against the class it will run on.
        var dbChange = 0m;
        var replicaChange = 0m;
        var newDbMonthly = 0m;
        var currentDbMonthly = 0m;
        PriceRecord? newPrimary = null;
        if (current.Database is { } database)
        {
            var primary = catalog.Find("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment);
            if (primary is null) diagnostics.Add(MissingPrice("rds", database.InstanceClass, input));
            currentDbMonthly = (primary?.Monthly ?? 0) * (1 + database.ReadReplicas);
            var ratio = input.DesignRps / Math.Max(measured.SustainableRps, 1e-9);
            var addReplica = database.ReadReplicas == 0 && measured.ReadShare >= 0.3 && ratio > 1 && (dbIsLimit || poolIsLimit || ratio >= 1.5);
            var primaryRatio = addReplica ? ratio * (1 - measured.ReadShare) : ratio;
            var steps = Math.Max(primaryRatio > 1 ? (int)Math.Ceiling(Math.Log2(primaryRatio)) : 0, dbIsLimit && ratio > 1 ? 1 : 0);
            newPrimary = primary;
            if (steps > 0 && primary is not null)
            {
                newPrimary = catalog.NextSize("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment, steps)
                             ?? catalog.NextSize("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment)
                             ?? primary;
                if (newPrimary != primary)
                {
                    dbChange = newPrimary.Monthly - primary.Monthly;
                    var why = dbIsLimit
                        ? Inv($"The database itself was the measured limit; the primary must carry {primaryRatio:0.##}× the headline, and capacity is assumed to scale with instance size (×2 per size).")
                        : Inv($"The primary must carry {primaryRatio:0.##}× the {measured.SustainableRps:0} RPS it carried in the test{(addReplica ? " after the replica takes the reads" : "")}. It was not the limit there{(poolIsLimit ? " (the pool was)" : "")}, so its capacity beyond that is unmeasured: one size up per doubling (capacity assumed ×2 per size) is a precaution the verification run confirms or saves.");
                    changes.Add(new PlanChange(DatabaseChange, $"{database.InstanceClass} -> {newPrimary.Sku} ({Describe(primary)} -> {Describe(newPrimary)})",
                        Round(dbChange), [primary.Citation, newPrimary.Citation], why) { FixesLimit = dbIsLimit });
                }
            }
            if (addReplica && newPrimary is not null)
            {
                replicaChange = newPrimary.Monthly;
                var readers = input.ReadHeavyEndpoints is { Count: > 0 } list ? string.Join(", ", list) : "GET endpoints";
                changes.Add(new PlanChange(ReplicaChange, $"1 × {newPrimary.Sku} for {readers}", Round(replicaChange), [newPrimary.Citation],
                    Inv($"{measured.ReadShare:0%} of requests read; a replica takes them off the primary.")));
            }
            newDbMonthly = currentDbMonthly + dbChange * (1 + database.ReadReplicas) + replicaChange;

            if (PoolPlan(input, measured, database, newPrimary, pods, autoscalerMax, poolIsLimit, tested, assumptions, diagnostics) is { } pool) changes.Add(pool);
        }

        // Pods and autoscaler: a row only when something changes.
        var podDelta = podPrice * (pods - current.Pods);
        var hpa = Inv($"HPA min={autoscalerMin} max={autoscalerMax} target CPU {input.AutoscalerTargetCpu:0%}");
        var hpaChanges = current.Autoscaler is not { } a || a.Min != autoscalerMin || a.Max != autoscalerMax || Math.Abs(a.TargetCpu - input.AutoscalerTargetCpu) > 1e-9;
        var podsWhy = Inv($"{input.DesignRps:0} RPS / {perPod:0} RPS per pod = {podsNeeded} pod(s){(pods > podsNeeded ? Inv($", but the plan keeps today's {current.Pods}") : "")}; the autoscaler keeps the target ({input.TargetRps:0} RPS) on at least {autoscalerMin} and the design load at {input.AutoscalerTargetCpu:0%} CPU on at most {autoscalerMax}.");
        var burst = autoscalerMax > pods ? Inv($"; up to {Format(podPrice * (autoscalerMax - pods), currency, signed: true)}/mo more at {autoscalerMax} pods") : "";
        if (pods != current.Pods)
        {
            changes.Add(new PlanChange(PodsChange, Inv($"{current.Pods} -> {pods} pods, {hpa}"), Round(podDelta), podCitation is null ? [] : [podCitation], podsWhy)
            {
                FixesLimit = cpuIsLimit,
                CostNote = burst.Length > 0 ? burst[2..] : null,
            });
        }
        else if (hpaChanges)
        {
            changes.Add(new PlanChange(AutoscalerChange, Inv($"{hpa} (today's {current.Pods} pods carry the design load)"), 0m, podCitation is null ? [] : [podCitation], podsWhy)
            {
                FixesLimit = cpuIsLimit,
                CostNote = Inv($"$0 at {pods} pods{burst}"),
            });
        }

        // Cache tier: connections needed at design load (Little's law) against what the tier allows.
        var cacheChange = 0m;
        var currentCacheMonthly = 0m;
        if (current.Cache is { } cache)
        {
            var node = catalog.Find("elasticache", cache.NodeType, input.Provider, input.Region);
            if (node is null) diagnostics.Add(MissingPrice("elasticache", cache.NodeType, input));
            currentCacheMonthly = (node?.Monthly ?? 0) * cache.Nodes;
            var holdMs = cache.ConnectionHoldMs ?? measured.ServiceTimeMs;
            var inFlight = Queueing.InFlight(input.DesignRps, holdMs / 1000.0);
            if (node is not null && ((cache.MaxConnections is { } max && inFlight > max) || cacheIsLimit))
            {
                var bigger = catalog.NextSize("elasticache", cache.NodeType, input.Provider, input.Region);
                if (bigger is not null)
                {
                    cacheChange = (bigger.Monthly - node.Monthly) * cache.Nodes;
                    changes.Add(new PlanChange(CacheChange, $"{cache.NodeType} -> {bigger.Sku}", Round(cacheChange), [node.Citation, bigger.Citation],
                        Inv($"{inFlight:0} connections in flight at {input.DesignRps:0} RPS (Little's law, {holdMs:0.#} ms each) exceed the {cache.MaxConnections?.ToString(CultureInfo.InvariantCulture) ?? "measured"} the tier handles.")) { FixesLimit = cacheIsLimit });
                }
            }
        }

        // The change that lifts the measured limit first; the rest in the order above (pool, pods, database, replica, cache).
        string[] order = [PoolChange, PodsChange, AutoscalerChange, DatabaseChange, ReplicaChange, CacheChange];
        changes = changes.OrderBy(c => c.FixesLimit ? 0 : 1).ThenBy(c => Array.IndexOf(order, c.Change)).ToList();

        var currentMonthly = Round(podPrice * current.Pods + currentDbMonthly + currentCacheMonthly);
        var total = changes.Sum(c => c.MonthlyCostDelta);
        var newMonthly = currentMonthly + total;
        var plan = new CapacityPlan(input.BaselineRps, input.TargetRps, input.DesignRps, measured.SustainableRps, changes,
            currentMonthly, newMonthly, total,
            input.BaselineRps > 0 ? Round(currentMonthly / (decimal)input.BaselineRps * 1000m) : 0,
            input.TargetRps > 0 ? Round(newMonthly / (decimal)input.TargetRps * 1000m) : 0,
            currency, catalog.Origin, pods, autoscalerMin, autoscalerMax, input.AutoscalerTargetCpu, assumptions);
        return (plan, diagnostics);
    }

    /// <summary>
    /// The pool each pod needs at the design load (Erlang C per pod: each pod's pool is its own M/M/c queue), and the
    /// server's max_connections for every pod the autoscaler may start, checked against the instance class's ceiling.
    /// </summary>
    private static PlanChange? PoolPlan(CapacityPlanInput input, MeasuredCapacity measured, DatabaseTopology db, PriceRecord? instance, int pods, int autoscalerMax,
        bool poolIsLimit, Topology tested, List<string> assumptions, List<AnalysisDiagnostic> diagnostics)
    {
        var holdMs = measured.ConnectionMsPerRequest ?? db.ConnectionHoldMs ?? measured.ServiceTimeMs;
        var basis = measured.ConnectionBasis ?? (db.ConnectionHoldMs is null ? "the low-load response time: an upper bound" : "connection_hold_ms");
        assumptions.Add(Inv($"A request holds a database connection for {holdMs:0.#} ms ({basis})."));
        var perPodRate = input.DesignRps / Math.Max(1, pods);
        var needed = Queueing.ServersFor(perPodRate, holdMs / 1000.0, PoolWaitProbability);
        var poolPerPod = Math.Max(db.PoolSizePerPod, needed);
        // Every pod the autoscaler may start opens its pool; keep 10 % for admin and migrations.
        var serverConnections = RoundUp(autoscalerMax * poolPerPod * 1.1, 50);
        var maxConnections = Math.Max(db.MaxConnections, serverConnections);
        var ceiling = ConnectionCeiling(instance, db.Engine);
        var ceilingText = ceiling is { } c
            ? Inv($"{instance!.Sku} allows ~{c:#,0} (RDS default max_connections: {(IsMySql(db.Engine) ? "DBInstanceClassMemory/12582880" : "LEAST(DBInstanceClassMemory/9531392, 5000)")})")
            : "check the instance's own connection limit (its memory is not in the price catalog)";
        if (ceiling is { } limit && maxConnections > limit)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.ConnectionCeiling, DiagnosticSeverity.Warning, null, null,
                Inv($"The plan needs max_connections {maxConnections} ({autoscalerMax} pods × {poolPerPod} + 10%), above the ~{limit:#,0} {instance!.Sku} allows."),
                "Put a connection pooler (RDS Proxy, PgBouncer) in front of the database, lower the autoscaler's maximum, or choose a larger instance class."));
        }
        if (poolPerPod == db.PoolSizePerPod && maxConnections == db.MaxConnections)
        {
            assumptions.Add(Inv($"The pool of {db.PoolSizePerPod} per pod already keeps ≤ {PoolWaitProbability:0%} of requests waiting at {perPodRate:0} RPS per pod; max_connections {db.MaxConnections} covers {autoscalerMax} pods; {ceilingText}."));
            return null;
        }
        var what = new List<string>();
        if (poolPerPod != db.PoolSizePerPod) what.Add(Inv($"pool_size: {db.PoolSizePerPod} -> {poolPerPod} per pod"));
        if (maxConnections != db.MaxConnections) what.Add(Inv($"max_connections: {db.MaxConnections} -> {maxConnections}"));
        var testedPool = tested.Database is { } t ? Math.Min(tested.Pods * t.PoolSizePerPod, t.MaxConnections) : db.PoolSizePerPod;
        var lift = poolIsLimit
            ? Inv($" The pool was the measured limit: {testedPool} connections held {holdMs:0.#} ms per request cap the tested setup at {testedPool * 1000.0 / holdMs:0} RPS; {poolPerPod} per pod raise a pod's pool ceiling to {poolPerPod * 1000.0 / holdMs:0} RPS, for free.")
            : "";
        return new PlanChange(PoolChange, string.Join(", ", what), 0m, ["configuration change"],
            Inv($"Erlang C per pod: {pods} pods share {input.DesignRps:0} RPS ({perPodRate:0} each); a request holds a connection {holdMs:0.#} ms, an offered load of {perPodRate * holdMs / 1000:0.#} connections, so {needed} connections keep ≤ {PoolWaitProbability:0%} of requests waiting.{lift} {autoscalerMax} pods at most × {poolPerPod} + 10% = {serverConnections} server connections; {ceilingText}."))
        {
            FixesLimit = poolIsLimit,
        };
    }

    /// <summary>RDS's default max_connections for an instance class, from its memory (null when the catalog lacks it).</summary>
    public static int? ConnectionCeiling(PriceRecord? instance, string engine)
    {
        if (instance?.MemoryGib is not { } gib) return null;
        var bytes = gib * 1024 * 1024 * 1024;
        return IsMySql(engine) ? (int)(bytes / 12582880) : (int)Math.Min(bytes / 9531392, 5000);
    }

    private static bool IsMySql(string engine) => engine.Contains("mysql", StringComparison.OrdinalIgnoreCase) || engine.Contains("maria", StringComparison.OrdinalIgnoreCase);

    /// <summary>Per-pod monthly cost: node price × the larger of the pod's CPU and memory share of the node.</summary>
    public static decimal PodMonthly(PriceCatalog catalog, CapacityPlanInput input, Topology topology, List<AnalysisDiagnostic> diagnostics, out string? citation)
    {
        citation = null;
        if (topology.NodeSku is null) return 0;
        var node = catalog.Find("ec2", topology.NodeSku, input.Provider, input.Region);
        if (node is null || node.Vcpu is not { } vcpu || node.MemoryGib is not { } memory)
        {
            diagnostics.Add(MissingPrice("ec2", topology.NodeSku, input));
            return 0;
        }
        var share = Math.Max(topology.PodCpu / vcpu, topology.PodMemoryGib / memory);
        citation = Inv($"{node.Citation}; pod share {share:0.###} = max({topology.PodCpu:0.##}/{vcpu:0.##} vCPU, {topology.PodMemoryGib:0.##}/{memory:0.##} GiB)");
        return node.Monthly * (decimal)share;
    }

    private static AnalysisDiagnostic MissingPrice(string service, string sku, CapacityPlanInput input) =>
        new(DiagnosticCodes.PriceNotInCatalog, DiagnosticSeverity.Warning, null, null,
            $"No price for {service} {sku} in {input.Provider}/{input.Region}; its cost is counted as 0.",
            "Add a record for it to your price catalog (--price-catalog) or use a sku the catalog lists.");

    private static string Describe(PriceRecord r) => r.Vcpu is { } v && r.MemoryGib is { } m ? Inv($"{v:0} vCPU/{m:0} GiB") : r.Sku;

    private static string Format(decimal value, string currency, bool signed) =>
        (signed && value > 0 ? "+" : "") + (currency == "USD" ? "$" : currency + " ") + Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    private static int RoundUp(double value, int step) => (int)Math.Ceiling(value / step) * step;

    private static decimal Round(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
