using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Reporting;
using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>
/// A broken flow at low load is not a capacity finding: the real engine runs 2 VUs whose second step reads an order
/// without signing in (401 every time); the report must say "functional failure" with the status code and the failing
/// check, and claim no breaking point, capacity or plan.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class FunctionalFailureTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "lt-functional-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_flow_failing_with_4xx_at_low_load_is_reported_as_a_functional_failure_without_a_breaking_point()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(5) });
        var plan = new LoadTestPlan("broken", [new Scenario("broken", new ConstantVus(2, TimeSpan.FromSeconds(4)) { GracefulStop = TimeSpan.FromSeconds(1) }, async (vu, ct) =>
        {
            var products = await vu.Http.GetAsync("/api/products", "GET /api/products", ct);
            vu.Check(products, "products 200", r => r.Status == 200);
            var order = await vu.Http.GetAsync("/api/orders/ord_5f0c6a1e9d8b4c2a8e7f6d5c4b3a2910", "GET /api/orders/{id}", ct);
            vu.Check(order, "orders get 200", r => r.Status == 200);
            await Task.Delay(20, ct);
        })]) { Profile = "smoke" };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await LoadTestRunner.RunAsync(plan, new RunSettings { BaseUrl = host.BaseUrl, ResultsDirectory = _results, Quiet = true }, timeout.Token);
        var capacity = Path.Combine(_results, "capacity.json");
        File.WriteAllText(capacity, """{ "baseline_rps": 100, "current": { "pods": 1, "database": { "pool_size_per_pod": 20 } } }""");

        var paths = ReportGenerator.WriteReports(new ReportRequest(result.ResultsDirectory) { CapacityPlanInputPath = capacity });
        var model = ReportGenerator.Build(new ReportRequest(result.ResultsDirectory) { CapacityPlanInputPath = capacity });

        Assert.Equal(VerdictKind.FunctionalFailure, model.Verdict!.Kind);
        Assert.Null(model.BreakingPoint);
        Assert.Null(model.Capacity);
        Assert.Null(model.CapacityPlan);
        var failures = model.Failures!;
        Assert.True(failures.IsFunctional);
        var orders = Assert.Single(failures.Endpoints);
        Assert.Equal("GET /api/orders/{id}", orders.Endpoint);
        Assert.Equal(orders.Requests, orders.Failed);
        Assert.Equal(401, Assert.Single(orders.Codes).Status);
        Assert.Contains(failures.FailingChecks, c => c.Name == "orders get 200" && c.Passes == 0);
        Assert.DoesNotContain(failures.FailingChecks, c => c.Name == "products 200");
        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.FunctionalFailure);

        var md = File.ReadAllText(paths.Markdown);
        output.WriteLine(md);
        Assert.StartsWith("# Load test report\n\n**FUNCTIONAL FAILURE** — Functional failure: GET /api/orders/{id} failed 100% of its requests at the lowest load", md.ReplaceLineEndings("\n"));
        // The engine tags a 4xx with k6's error code 1400 + status, as k6 does.
        Assert.Contains("401 (error 1401) ×", md);
        Assert.Contains("| orders get 200 |", md);
        Assert.DoesNotContain("Breaking point", md);
        Assert.DoesNotContain("Sustainable capacity", md);
        Assert.Contains("FUNCTIONAL FAILURE", File.ReadAllText(paths.Html!));
    }

    public void Dispose()
    {
        if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true);
    }
}
