using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Reporting;
using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>
/// A lab server of known capacity: the sample's products endpoint does one query on a pool of 20 connections held
/// 50 ms each, so it tops out at 20 / 0.05 s = 400 requests/s. The real engine ramps VUs past that on loopback and the
/// analysis must place the breaking point within ±10% of it.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LabBreakingPointTests : IDisposable
{
    private const double Capacity = 400;
    private readonly string _results = Path.Combine(Path.GetTempPath(), "lt-lab-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Breaking_point_of_a_known_capacity_server_is_found_within_ten_percent()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = 20, DbQueryTime = TimeSpan.FromMilliseconds(50) });
        var ramp = new RampingVus(1, [new Stage(TimeSpan.FromSeconds(16), 60), new Stage(TimeSpan.FromSeconds(3), 60)])
        {
            GracefulRampDown = TimeSpan.FromSeconds(1),
            GracefulStop = TimeSpan.FromSeconds(1),
        };
        var plan = new LoadTestPlan("lab", [new Scenario("products", ramp, async (vu, ct) =>
        {
            var response = await vu.Http.GetAsync("/api/products", "GET /api/products", ct);
            vu.Check(response, "products 200", r => r.Status == 200);
        })]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await LoadTestRunner.RunAsync(plan, new RunSettings { BaseUrl = host.BaseUrl, ResultsDirectory = _results, Quiet = true }, timeout.Token);
        Assert.Equal(0, result.ErrorRate);

        var breaking = ReportGenerator.Build(new ReportRequest(result.ResultsDirectory)).BreakingPoint;
        Assert.NotNull(breaking);
        var first = Assert.IsType<BreakEvent>(breaking.First);
        Assert.InRange(first.Rps, Capacity * 0.9, Capacity * 1.1);
        Assert.InRange(breaking.MaxTrustedRps, Capacity * 0.9, Capacity * 1.1);
    }

    public void Dispose()
    {
        if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true);
    }
}
