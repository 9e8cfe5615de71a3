using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Analysis.Tests;

public class BottleneckTests
{
    private static readonly LoadTest.Runtime.Results.RunTimeSeries Run =
        SyntheticRuns.PoolServer(servers: 20, serviceMs: 50, seconds: 120, SyntheticRuns.Ramp(1, 60, 120));

    private static BottleneckResult Analyse(Topology? topology)
    {
        var levels = LoadPoints.Build(Run);
        var breaking = BreakingPointAnalysis.Analyse(levels, StageTable.Build(Run), SloLimits.Default);
        var headline = CapacityAnalysis.Closed(levels, breaking, SloLimits.Default, 1).Headline;
        return BottleneckAnalysis.Analyse(Run, levels, breaking, headline, SloLimits.Default, topology);
    }

    [Fact]
    public void A_pool_whose_ceiling_matches_the_measured_plateau_is_named_with_littles_law_evidence()
    {
        var result = Analyse(new Topology { Pods = 1, Database = new DatabaseTopology { PoolSizePerPod = 20, MaxConnections = 100 } });

        Assert.Equal("Database connection pool", result.LikelyLimit);
        var pool = Assert.Single(result.Ceilings);
        Assert.InRange(pool.ImpliedMaxRps!.Value, 360, 440); // 20 connections / ~50 ms
        Assert.InRange(pool.UseAtCapacity!.Value, 0.9, 1.05);
        Assert.Contains("Little's law", result.Evidence);
        // No think time in the closed loop: Z = N/X − R ≈ 0.
        Assert.InRange(result.ThinkTimeSeconds!.Value, 0, 0.01);
    }

    [Fact]
    public void A_resource_with_far_more_capacity_than_was_used_is_not_blamed()
    {
        var result = Analyse(new Topology { Pods = 5, Database = new DatabaseTopology { PoolSizePerPod = 20, MaxConnections = 500 } });

        Assert.Null(result.LikelyLimit);
        Assert.Contains("No described resource", result.Evidence);
    }

    [Fact]
    public void Max_connections_below_the_pool_total_caps_the_ceiling()
    {
        var result = Analyse(new Topology { Pods = 4, Database = new DatabaseTopology { PoolSizePerPod = 20, MaxConnections = 20 } });

        Assert.Contains("max_connections 20", Assert.Single(result.Ceilings).Capacity);
        Assert.Equal("Database connection pool", result.LikelyLimit);
    }

    [Fact]
    public void The_endpoint_that_degrades_first_is_named_with_how()
    {
        var result = Analyse(null);

        var first = result.FirstToDegrade!;
        Assert.Equal("GET /api/orders/:id", first.Endpoint);
        // Latency doubles past saturation at 20 VUs: R = N / 400 s reaches 2 × 50 ms at 40 VUs.
        Assert.InRange(first.Vus, 34, 46);
        Assert.StartsWith("latency first", first.How);
    }
}
