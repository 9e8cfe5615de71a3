using System.Text.Json;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;
using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>
/// The pull-request gate end to end: the real engine drives the sample's checkout flow on loopback, a baseline is
/// recorded, unchanged runs pass it again and again, and an injected slowdown of one query fails it naming the
/// operation and the change.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class CiGateTests : IDisposable
{
    private const string RunName = "ci-gate";
    private static readonly TimeSpan QueryTime = TimeSpan.FromMilliseconds(30);

    // Bands wider than the default so scheduler noise on a 2-core CI box never trips them; the injected slowdown
    // (+30 ms on each of orders_create's two queries: about +100%, +60 ms) is far outside them.
    // A busy CI box may fit only a few hundred requests into a run, so 30 samples per operation count as enough here.
    private static readonly BaselinePolicy Policy = new() { LatencyRelative = 0.5, LatencyAbsoluteMs = 20, ThroughputDropRelative = null, MinimumRequests = 30 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lt-ci-gate-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Unchanged_api_passes_repeatedly_and_an_injected_slowdown_fails_naming_the_operation()
    {
        var baseline = Path.Combine(_root, "baseline", RunName + BaselineStore.FileSuffix);

        var recorded = await RunAndGate(new ShopApiOptions { DbQueryTime = QueryTime }, baseline, update: true);
        Assert.True(recorded.Updated, recorded.Message);
        Assert.True(File.Exists(baseline));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var unchanged = await RunAndGate(new ShopApiOptions { DbQueryTime = QueryTime }, baseline, update: false);
            Assert.True(unchanged.Passed, $"unchanged run {attempt} failed the gate:\n{string.Join('\n', unchanged.FailureLines())}");
            Assert.NotNull(unchanged.Comparison);
            Assert.Contains(unchanged.Comparison!.Checks, c => c.Status == RegressionStatus.Passed && c.Operation.Contains("/api/orders/create"));
        }

        var slowed = await RunAndGate(
            new ShopApiOptions { DbQueryTime = QueryTime, SlowOperation = ShopOperations.OrdersCreate, SlowExtra = QueryTime },
            baseline, update: false);
        Assert.False(slowed.Passed);
        var lines = string.Join('\n', slowed.FailureLines());
        Assert.Contains("POST /api/orders/create", lines);
        Assert.Matches(@"p95 \+\d+% on POST /api/orders/create \(\d+(\.\d+)? → \d+(\.\d+)? ms", lines);
        Assert.DoesNotContain(slowed.Comparison!.Regressions, r => r.Operation.Contains("/api/cart/add"));
    }

    private async Task<BaselineGateResult> RunAndGate(ShopApiOptions options, string baseline, bool update)
    {
        await using var host = await ShopApiHost.StartAsync(options);
        var settings = new RunSettings
        {
            BaseUrl = host.BaseUrl,
            ResultsDirectory = Path.Combine(_root, "results", Guid.NewGuid().ToString("N")[..8]),
            Quiet = true,
        };
        var plan = new LoadTestPlan(RunName, [new Scenario("checkout", new ConstantVus(5, TimeSpan.FromSeconds(4)), CheckoutAsync)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await LoadTestRunner.RunAsync(plan, settings, timeout.Token);
        Assert.True(result.Requests > 3 * Policy.MinimumRequests, $"only {result.Requests} requests were made");
        Assert.Equal(0, result.ErrorRate);

        var environment = new Dictionary<string, string?>
        {
            [BaselineStore.BaselineVariable] = baseline,
            [BaselineStore.UpdateVariable] = update ? "1" : null,
        };
        return BaselineGate.Run(result.ResultsDirectory, RunName, _root, name => environment.GetValueOrDefault(name), Policy);
    }

    private static async Task CheckoutAsync(VirtualUser vu, CancellationToken cancellationToken)
    {
        if (!vu.State.TryGetValue("token", out var stored) || stored is not string token)
        {
            // A user per virtual user: the shop keeps one cart per user, so VUs sharing an account would order each other's cart.
            var credentials = JsonSerializer.Serialize(new { username = $"vu{vu.Id}-{Guid.NewGuid():N}", password = "pw-" + Guid.NewGuid().ToString("N") });
            await vu.Http.PostJsonAsync("/api/auth/signup", credentials, "POST /api/auth/signup", cancellationToken);
            var login = await vu.Http.PostJsonAsync("/api/auth/login", credentials, "POST /api/auth/login", cancellationToken);
            token = login.JsonValue("token") ?? throw new InvalidOperationException("login failed: " + login.Status);
            vu.State["token"] = token;
        }
        var auth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };

        var cart = await vu.Http.PostJsonAsync("/api/cart/add",
            JsonSerializer.Serialize(new { productId = $"prod_{vu.Random.Next(1, 501)}", quantity = 1, variant = "M" }),
            "POST /api/cart/add", cancellationToken, auth);
        vu.Check(cart, "cart add 200", r => r.Status == 200);

        var order = await vu.Http.PostJsonAsync("/api/orders/create",
            JsonSerializer.Serialize(new
            {
                cartId = cart.JsonValue("cartId"),
                paymentMethod = "card",
                shippingAddress = new { street = "1 Main Street", city = "London", postalCode = "NW1 6XE", country = "GB" },
            }),
            "POST /api/orders/create", cancellationToken, auth);
        vu.Check(order, "orders create 201", r => r.Status == 201);

        var fetched = await vu.Http.GetAsync("/api/orders/" + order.JsonValue("id"), "GET /api/orders/{id}", cancellationToken, auth);
        vu.Check(fetched, "orders get 200", r => r.Status == 200);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
