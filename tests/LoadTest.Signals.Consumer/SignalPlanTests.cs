using System.Globalization;
using LoadTest.Runtime;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;
using Xunit;

namespace LoadTest.Signals.Consumer;

/// <summary>
/// The load test a user would have: 60 s of constant VUs against BASE_URL, with a gracefulStop short enough for the
/// signal tests to wait for. A server that delays its answers makes an interruption find
/// requests in flight.
/// </summary>
public class SignalPlanTests
{
    /// <summary>gracefulStop: SIGNALS_GRACEFUL_STOP seconds, 3 by default.</summary>
    public static TimeSpan GracefulStop =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("SIGNALS_GRACEFUL_STOP"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 3);

    [Fact]
    [Trait("Category", "Load")]
    public async Task Sixty_seconds_of_load()
    {
        var plan = new LoadTestPlan("signals",
        [
            new Scenario("browse", new ConstantVus(4, TimeSpan.FromSeconds(60)) { GracefulStop = GracefulStop }, async (vu, cancellationToken) =>
            {
                await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Name = "GET /items" }, cancellationToken);
                await vu.SleepAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
            }),
        ])
        {
            Thresholds = new Dictionary<string, IReadOnlyList<LoadTest.Runtime.Thresholds.ThresholdSpec>>
            {
                ["http_req_failed"] = [new("rate<0.5")],
            },
        };
        var result = await LoadTestSession.RunAsync(plan, typeof(SignalPlanTests).Assembly, CancellationToken.None);
        LoadAssert.ThresholdsPassed(result);
    }
}
