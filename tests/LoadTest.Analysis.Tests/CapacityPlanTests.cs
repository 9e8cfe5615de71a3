using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Analysis.Tests;

public class CapacityPlanTests
{
    // Round prices so every expected figure below can be checked by hand (730 hours a month).
    private const string TestCatalog = """
    { "prices": [
      { "provider": "aws", "service": "ec2", "sku": "n.xlarge", "region": "r1", "unit": "hour", "price": 0.2, "currency": "USD", "vcpu": 4, "memory_gib": 16, "source": "test", "as_of": "2026-01-01" },
      { "provider": "aws", "service": "rds", "sku": "db.x.large", "engine": "postgresql", "region": "r1", "unit": "hour", "price": 1.0, "currency": "USD", "source": "test", "as_of": "2026-01-01" },
      { "provider": "aws", "service": "rds", "sku": "db.x.xlarge", "engine": "postgresql", "region": "r1", "unit": "hour", "price": 2.0, "currency": "USD", "source": "test", "as_of": "2026-01-01" },
      { "provider": "aws", "service": "rds", "sku": "db.x.2xlarge", "engine": "postgresql", "region": "r1", "unit": "hour", "price": 4.0, "currency": "USD", "source": "test", "as_of": "2026-01-01" },
      { "provider": "aws", "service": "elasticache", "sku": "c.x.large", "region": "r1", "unit": "hour", "price": 0.1, "currency": "USD", "source": "test", "as_of": "2026-01-01" },
      { "provider": "aws", "service": "elasticache", "sku": "c.x.xlarge", "region": "r1", "unit": "month", "price": 146, "currency": "USD", "source": "test", "as_of": "2026-01-01" }
    ] }
    """;

    private static readonly CapacityPlanInput Input = new()
    {
        BaselineRps = 100,
        GrowthFactor = 3,
        Headroom = 0.2,
        Region = "r1",
        Current = new Topology
        {
            Pods = 2,
            PodCpu = 1,
            PodMemoryGib = 8,
            NodeSku = "n.xlarge",
            Database = new DatabaseTopology { InstanceClass = "db.x.large", MaxConnections = 100, PoolSizePerPod = 10 },
            Cache = new CacheTopology { NodeType = "c.x.large", MaxConnections = 1000 },
        },
    };

    [Fact]
    public void Costs_add_up_from_catalog_prices_and_pod_shares()
    {
        var catalog = PriceCatalog.Parse(TestCatalog, "test catalog");
        var measured = new MeasuredCapacity(SustainableRps: 100, ServiceTimeMs: 50, LikelyLimit: "API pod CPU", ReadShare: 0.5, PeakVus: 50);

        var (plan, diagnostics) = CapacityPlanner.Plan(Input, measured, catalog);

        Assert.Empty(diagnostics);
        Assert.Equal(300, plan.TargetRps, 9);
        Assert.Equal(360, plan.DesignRps, 9);
        // Pod: $0.2 × 730 × max(1/4 CPU, 8/16 memory) = $73. 360 RPS / 50 RPS per pod = 8 pods: 6 more.
        var pods = Assert.Single(plan.Changes, c => c.Change == "Scale API pods");
        Assert.Equal(6 * 73m, pods.MonthlyCostDelta);
        Assert.Equal(8, plan.RecommendedPods);
        // HPA max keeps 360 RPS at 65 % CPU: ceil(360 / (50 × 0.65)) = 12.
        Assert.Equal(12, plan.AutoscalerMax);
        // Pool: free. 12 pods × 10 connections × 1.1 = 132 → max_connections 150.
        var pool = Assert.Single(plan.Changes, c => c.Change == "DB connection pool");
        Assert.Equal(0m, pool.MonthlyCostDelta);
        Assert.Equal("max_connections: 100 -> 150", pool.What);
        // Reads are half the traffic: a replica takes them, the primary still needs 3.6 × 0.5 = 1.8× → one size up.
        Assert.Equal(730m, Assert.Single(plan.Changes, c => c.Change == "Database upgrade").MonthlyCostDelta);
        Assert.Equal(1460m, Assert.Single(plan.Changes, c => c.Change == "Read replica").MonthlyCostDelta);
        Assert.DoesNotContain(plan.Changes, c => c.Change == "Cache upgrade");
        // Totals: now 2 × 73 + 730 + 73 = 949; after +438 +730 +1460.
        Assert.Equal(2628m, plan.TotalMonthlyDelta);
        Assert.Equal(949m, plan.CurrentMonthlyCost);
        Assert.Equal(949m + 2628m, plan.NewMonthlyCost);
        Assert.Equal(9490m, plan.CostPer1000RpsBefore);
        Assert.Equal(Math.Round(3577m / 300m * 1000m), plan.CostPer1000RpsAfter);
        Assert.All(plan.Changes.Where(c => c.MonthlyCostDelta != 0), c => Assert.All(c.PriceCitations, p => Assert.Contains("as of 2026-01-01", p)));
    }

    [Fact]
    public void A_cache_with_too_few_connections_is_upgraded_using_a_monthly_priced_record()
    {
        var catalog = PriceCatalog.Parse(TestCatalog, "test catalog");
        var input = Input with { Current = Input.Current with { Cache = new CacheTopology { NodeType = "c.x.large", MaxConnections = 10 } } };
        var measured = new MeasuredCapacity(1000, 50, null, 0, 50);

        var (plan, _) = CapacityPlanner.Plan(input, measured, catalog);

        // 360 RPS × 0.05 s = 18 connections in flight > 10: c.x.large ($73) → c.x.xlarge ($146/month).
        Assert.Equal(73m, Assert.Single(plan.Changes, c => c.Change == "Cache upgrade").MonthlyCostDelta);
    }

    [Fact]
    public void Unknown_skus_are_a_diagnostic_and_cost_nothing()
    {
        var catalog = PriceCatalog.Parse(TestCatalog, "test catalog");
        var input = Input with { Current = Input.Current with { NodeSku = "mystery.large" } };

        var (plan, diagnostics) = CapacityPlanner.Plan(input, new MeasuredCapacity(100, 50, null, 0, 50), catalog);

        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.PriceNotInCatalog && d.Message.Contains("mystery.large"));
        Assert.Equal(0m, Assert.Single(plan.Changes, c => c.Change == "Scale API pods").MonthlyCostDelta);
    }

    [Fact]
    public void The_embedded_default_catalog_loads_and_every_price_names_its_source_and_date()
    {
        var catalog = PriceCatalog.LoadDefault();

        Assert.NotEmpty(catalog.Prices);
        Assert.All(catalog.Prices, p =>
        {
            Assert.StartsWith("https://", p.Source);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.AsOf);
            Assert.True(p.Price > 0);
        });
        var large = catalog.Find("rds", "db.r5.large", "aws", "us-east-1", "postgresql", "single-az")!;
        Assert.Equal("db.r5.xlarge", catalog.NextSize("rds", large.Sku, "aws", "us-east-1", "postgresql", "single-az")!.Sku);
        Assert.Equal("db.r5.2xlarge", catalog.NextSize("rds", large.Sku, "aws", "us-east-1", "postgresql", "single-az", steps: 2)!.Sku);
        Assert.Equal(large.Price * 730m, large.Monthly);
    }

    [Fact]
    public void A_broken_user_catalog_falls_back_to_the_default_with_LT4011()
    {
        var path = Path.Combine(SyntheticRuns.NewTempDirectory(), "prices.json");
        File.WriteAllText(path, "[{\"provider\":\"aws\",\"service\":\"ec2\"}]");

        var (catalog, problem) = PriceCatalog.Load(path);

        Assert.Equal(DiagnosticCodes.UnreadablePriceCatalog, problem!.Code);
        Assert.Contains("sku", problem.Message);
        Assert.Equal("embedded default catalog", catalog.Origin);
    }

    [Fact]
    public void The_plan_input_reads_snake_case_and_reports_bad_files()
    {
        var (input, problem) = CapacityPlanInput.Load(SyntheticRuns.FixturePath("capacity-input.json"));

        Assert.Null(problem);
        Assert.Equal(180, input!.BaselineRps);
        Assert.Equal(540, input.TargetRps, 9);
        Assert.Equal(10, input.Current.Database!.PoolSizePerPod);
        Assert.Equal(1, input.TestedTopology.Pods);
        Assert.Equal(500, input.Slo.P95Ms);

        var bad = Path.Combine(SyntheticRuns.NewTempDirectory(), "plan.json");
        File.WriteAllText(bad, "{ \"baseline_rps\": 180,\n  \"growth_factor\": }");
        var (_, error) = CapacityPlanInput.Load(bad);
        Assert.Equal(DiagnosticCodes.UnreadableCapacityInput, error!.Code);
        Assert.Equal(2, error.Line);
    }
}
