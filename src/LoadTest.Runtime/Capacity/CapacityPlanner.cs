using System.Globalization;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Capacity;

/// <summary>What the analysis measured that the plan needs (all from the test run on the tested topology).</summary>
/// <param name="SustainableRps">Highest RPS the tested setup carried within the SLOs (at the first break, else the maximum seen).</param>
/// <param name="ServiceTimeMs">Response time at low load, the time a request holds a connection when nothing else is known.</param>
/// <param name="LikelyLimit">The resource the bottleneck analysis named, if any.</param>
/// <param name="ReadShare">Share of requests that read (GET or the listed read-heavy endpoints) at peak.</param>
/// <param name="PeakVus">Highest VUs in the run.</param>
public sealed record MeasuredCapacity(double SustainableRps, double ServiceTimeMs, string? LikelyLimit, double ReadShare, double PeakVus);

/// <summary>
/// Turns measurements and a growth target into concrete changes with costs. Order: free configuration changes
/// (pool size, max_connections) first, then pods and autoscaler, database class, read replica, cache tier.
/// Pure: catalog and inputs in, plan out.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Chance a request may wait for a pooled connection at the design load (Erlang C).</summary>
    public const double PoolWaitProbability = 0.05;

    public static (CapacityPlan Plan, IReadOnlyList<AnalysisDiagnostic> Diagnostics) Plan(CapacityPlanInput input, MeasuredCapacity measured, PriceCatalog catalog)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var assumptions = new List<string>();
        var changes = new List<PlanChange>();
        var current = input.Current;
        var tested = input.TestedTopology;
        var currency = catalog.Prices.FirstOrDefault()?.Currency ?? "USD";

        // Capacity of one pod: what the tested pods carried within the SLOs, shared equally.
        var perPod = tested.CpuMsPerRequest is { } cpuMs && cpuMs > 0
            ? tested.PodCpu * 1000.0 / cpuMs
            : measured.SustainableRps / Math.Max(1, tested.Pods);
        assumptions.Add(tested.CpuMsPerRequest is not null
            ? Inv($"One pod serves {perPod:0} RPS at full CPU ({tested.PodCpu:0.##} cores / {tested.CpuMsPerRequest:0.#} CPU ms per request).")
            : Inv($"One pod serves {perPod:0} RPS: the {measured.SustainableRps:0} RPS the {tested.Pods} tested pod(s) carried within the SLOs, shared equally (a lower bound when another resource was the limit)."));
        assumptions.Add(Inv($"Target {input.TargetRps:0} RPS ({input.BaselineRps:0} × {input.GrowthFactor:0.##}); sized for {input.DesignRps:0} RPS with {input.Headroom:0%} headroom."));
        assumptions.Add("Monthly cost = hourly list price × 730 hours; per-pod cost = node price × max(CPU request share, memory request share) of the node.");

        // 1. Connection pool and max_connections: free, and often the cheapest win.
        // A growth plan never shrinks the fleet: the test proves capacity, not that today's pods are too many.
        var pods = Math.Max(current.Pods, (int)Math.Ceiling(input.DesignRps / Math.Max(perPod, 1e-9)));
        var autoscalerMin = Math.Min(pods, Math.Max(2, (int)Math.Ceiling(input.TargetRps / Math.Max(perPod, 1e-9))));
        var autoscalerMax = Math.Max(pods, (int)Math.Ceiling(input.DesignRps / Math.Max(perPod * input.AutoscalerTargetCpu, 1e-9)));
        if (current.Database is { } db)
        {
            var holdMs = db.ConnectionHoldMs ?? measured.ServiceTimeMs;
            var needed = Queueing.ServersFor(input.DesignRps, holdMs / 1000.0, PoolWaitProbability);
            var poolPerPod = Math.Max(db.PoolSizePerPod, (int)Math.Ceiling(needed / (double)pods));
            // Every pod the autoscaler may start opens its pool; keep 10 % for admin and migrations.
            var maxConnections = Math.Max(db.MaxConnections, RoundUp(autoscalerMax * poolPerPod * 1.1, 50));
            if (poolPerPod != db.PoolSizePerPod || maxConnections != db.MaxConnections)
            {
                var what = new List<string>();
                if (poolPerPod != db.PoolSizePerPod) what.Add(Inv($"pool_size: {db.PoolSizePerPod} -> {poolPerPod} per pod"));
                if (maxConnections != db.MaxConnections) what.Add(Inv($"max_connections: {db.MaxConnections} -> {maxConnections}"));
                changes.Add(new PlanChange("DB connection pool", string.Join(", ", what),
                    0m, ["configuration change"],
                    Inv($"Erlang C: {input.DesignRps:0} RPS holding a connection {holdMs:0.#} ms each (offered load {input.DesignRps * holdMs / 1000:0.#} connections) needs {needed} connections for ≤ {PoolWaitProbability:0%} of requests to wait; over {pods} pods that is {poolPerPod} each, and {autoscalerMax} pods at most need {maxConnections} server connections.")));
            }
            assumptions.Add(Inv($"A request holds a database connection for {holdMs:0.#} ms{(db.ConnectionHoldMs is null ? " (the low-load response time: an upper bound)" : "")}."));
        }

        // 2. Pods and autoscaler.
        var podPrice = PodMonthly(catalog, input, current, diagnostics, out var podCitation);
        var podDelta = podPrice * (pods - current.Pods);
        if (pods != current.Pods || current.Autoscaler is null)
        {
            changes.Add(new PlanChange("Scale API pods",
                Inv($"{current.Pods} -> {pods} pods, HPA min={autoscalerMin} max={autoscalerMax} target CPU {input.AutoscalerTargetCpu:0%}"),
                Round(podDelta), podCitation is null ? [] : [podCitation],
                Inv($"{input.DesignRps:0} RPS / {perPod:0} RPS per pod = {Math.Ceiling(input.DesignRps / Math.Max(perPod, 1e-9)):0} pod(s){(pods > Math.Ceiling(input.DesignRps / Math.Max(perPod, 1e-9)) ? Inv($", but the plan keeps today's {current.Pods}") : "")}; the autoscaler keeps the target ({input.TargetRps:0} RPS) on at least {autoscalerMin} and the design load at {input.AutoscalerTargetCpu:0%} CPU on at most {autoscalerMax}.")));
        }

        // 3. Database class and read replica.
        var dbChange = 0m;
        var replicaChange = 0m;
        var newDbMonthly = 0m;
        var currentDbMonthly = 0m;
        if (current.Database is { } database)
        {
            var primary = catalog.Find("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment);
            if (primary is null) diagnostics.Add(MissingPrice("rds", database.InstanceClass, input));
            currentDbMonthly = (primary?.Monthly ?? 0) * (1 + database.ReadReplicas);
            var ratio = input.DesignRps / Math.Max(measured.SustainableRps, 1e-9);
            // A pool limit is fixed by configuration above; only a limit in the database itself calls for a bigger instance.
            var poolIsLimit = measured.LikelyLimit?.Contains("pool", StringComparison.OrdinalIgnoreCase) == true;
            var dbIsLimit = !poolIsLimit && measured.LikelyLimit?.Contains("Database", StringComparison.OrdinalIgnoreCase) == true;
            var addReplica = measured.ReadShare >= 0.3 && ratio > 1 && (dbIsLimit || poolIsLimit || ratio >= 1.5);
            var primaryRatio = addReplica ? ratio * (1 - measured.ReadShare) : ratio;
            var steps = Math.Max(primaryRatio > 1 ? (int)Math.Ceiling(Math.Log2(primaryRatio)) : 0, dbIsLimit && ratio > 1 ? 1 : 0);
            var newPrimary = primary;
            if (steps > 0 && primary is not null)
            {
                newPrimary = catalog.NextSize("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment, steps)
                             ?? catalog.NextSize("rds", database.InstanceClass, input.Provider, input.Region, database.Engine, database.Deployment);
                if (newPrimary is not null)
                {
                    dbChange = newPrimary.Monthly - primary.Monthly;
                    changes.Add(new PlanChange("Database upgrade", $"{database.InstanceClass} -> {newPrimary.Sku} ({Describe(primary)} -> {Describe(newPrimary)})",
                        Round(dbChange), [primary.Citation, newPrimary.Citation],
                        Inv($"The primary must carry {primaryRatio:0.##}× what the tested database did{(dbIsLimit ? ", and the database was the measured limit" : "")}; capacity is assumed to scale with instance size (×2 per size).")));
                }
            }
            if (addReplica && newPrimary is not null)
            {
                replicaChange = newPrimary.Monthly;
                var readers = input.ReadHeavyEndpoints is { Count: > 0 } list ? string.Join(", ", list) : "GET endpoints";
                changes.Add(new PlanChange("Read replica", $"1 × {newPrimary.Sku} for {readers}", Round(replicaChange), [newPrimary.Citation],
                    Inv($"{measured.ReadShare:0%} of requests read; a replica takes them off the primary.")));
            }
            newDbMonthly = currentDbMonthly + dbChange * (1 + database.ReadReplicas) + replicaChange;
        }

        // 4. Cache tier: connections needed at design load (Little's law) against what the tier allows.
        var cacheChange = 0m;
        var currentCacheMonthly = 0m;
        if (current.Cache is { } cache)
        {
            var node = catalog.Find("elasticache", cache.NodeType, input.Provider, input.Region);
            if (node is null) diagnostics.Add(MissingPrice("elasticache", cache.NodeType, input));
            currentCacheMonthly = (node?.Monthly ?? 0) * cache.Nodes;
            var holdMs = cache.ConnectionHoldMs ?? measured.ServiceTimeMs;
            var inFlight = Queueing.InFlight(input.DesignRps, holdMs / 1000.0);
            var cacheIsLimit = measured.LikelyLimit?.Contains("Cache", StringComparison.OrdinalIgnoreCase) == true;
            if (node is not null && ((cache.MaxConnections is { } max && inFlight > max) || cacheIsLimit))
            {
                var bigger = catalog.NextSize("elasticache", cache.NodeType, input.Provider, input.Region);
                if (bigger is not null)
                {
                    cacheChange = (bigger.Monthly - node.Monthly) * cache.Nodes;
                    changes.Add(new PlanChange("Cache upgrade", $"{cache.NodeType} -> {bigger.Sku}", Round(cacheChange), [node.Citation, bigger.Citation],
                        Inv($"{inFlight:0} connections in flight at {input.DesignRps:0} RPS (Little's law, {holdMs:0.#} ms each) exceed the {cache.MaxConnections?.ToString(CultureInfo.InvariantCulture) ?? "measured"} the tier handles.")));
                }
            }
        }

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

    private static int RoundUp(double value, int step) => (int)Math.Ceiling(value / step) * step;

    private static decimal Round(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
