using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShopApi;
using ShopApi.Data;
using Xunit.Abstractions;

namespace LoadTest.Sample.Tests;

/// <summary>
/// The simulated pool limits throughput to poolSize / queryTime. With 2 connections and 50 ms per query that is
/// 2 / 0.05 s = 40 requests/s for the one-query products list, however many requests are in flight.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class BottleneckTests(ITestOutputHelper output)
{
    private const int Requests = 40;
    private const int Concurrency = 20;
    private static readonly TimeSpan QueryTime = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Throughput_flattens_at_pool_size_over_query_time()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = 2, DbQueryTime = QueryTime, DbPoolTimeout = TimeSpan.FromSeconds(10) });
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        var database = host.Services.GetRequiredService<SimulatedDatabase>();
        var queriesBefore = database.QueriesTotal;

        var run = await BurstAsync(client, database);

        output.WriteLine($"pool 2 × 50 ms: {run.RequestsPerSecond:F1} req/s (capacity 40), max in use {run.MaxInUse}, max pending {run.MaxPending}");
        // Capacity 40 req/s. Task.Delay never ends early, so 40 requests cannot beat 20 rounds of 50 ms (upper bound,
        // with 5 % for clock granularity); the lower bound leaves 40 % for a busy 2-core machine.
        Assert.All(run.Statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.InRange(run.RequestsPerSecond, 24.0, 42.0);
        Assert.Equal(2, run.MaxInUse);
        Assert.True(run.MaxPending >= 5, $"Requests should queue for the 2 connections; at most {run.MaxPending} waited.");
        Assert.Equal(Requests, database.QueriesTotal - queriesBefore);
    }

    [Fact]
    public async Task Ten_times_the_pool_serves_the_same_burst_much_faster()
    {
        var small = await MeasureAsync(poolSize: 2);
        var large = await MeasureAsync(poolSize: 20);
        output.WriteLine($"pool 2: {small:F1} req/s, pool 20: {large:F1} req/s");

        // With 20 connections all 20 in-flight requests run at once (capacity 400 req/s); the pool, not the HTTP
        // stack, was the limit if the large pool is clearly faster. The factor 2 is far below the ideal 10.
        Assert.True(large > 2 * small, $"pool 20: {large:F1} req/s, pool 2: {small:F1} req/s");

        static async Task<double> MeasureAsync(int poolSize)
        {
            await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = poolSize, DbQueryTime = QueryTime, DbPoolTimeout = TimeSpan.FromSeconds(10) });
            using var client = new HttpClient { BaseAddress = host.BaseUrl };
            return (await BurstAsync(client, host.Services.GetRequiredService<SimulatedDatabase>())).RequestsPerSecond;
        }
    }

    [Fact]
    public async Task Waiting_longer_than_the_pool_timeout_is_503_db_pool_exhausted()
    {
        // One connection held 300 ms per query, and a 50 ms wait limit: of 4 simultaneous requests one is served,
        // the others give up while it still holds the connection.
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions
        {
            DbPoolSize = 1,
            DbQueryTime = TimeSpan.FromMilliseconds(300),
            DbPoolTimeout = TimeSpan.FromMilliseconds(50),
        });
        using var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("api/products")));

        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.OK);
        var rejected = responses.Where(response => response.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.NotEmpty(rejected);
        var problem = await ShopTestClient.ReadJsonAsync(rejected[0]);
        Assert.Equal("db pool exhausted", problem.GetProperty("title").GetString());
        Assert.Equal("1", rejected[0].Headers.RetryAfter?.ToString());
        var metrics = await PrometheusSamples.ScrapeAsync(client);
        Assert.Equal(rejected.Length, metrics.Value("db_pool_timeouts_total"));
        Assert.Equal(rejected.Length, metrics.Value("""http_requests_total{method="GET",route="/api/products",status="503"}"""));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Injected_slowdown_adds_its_time_to_each_query_of_that_operation_only()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions
        {
            DbQueryTime = TimeSpan.FromMilliseconds(5),
            SlowOperation = ShopOperations.OrdersCreate,
            SlowExtra = TimeSpan.FromMilliseconds(40),
        });
        using var client = new ShopTestClient(host.BaseUrl);
        var token = await client.LoginAsync("alice");
        await client.AddToCartAsync(token);

        var timer = Stopwatch.StartNew();
        using var order = await client.PostAsync("api/orders/create", new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, token);
        timer.Stop();

        // 2 queries × (5 + 40) ms = 90 ms at least, less a little for timer granularity.
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.True(timer.Elapsed >= TimeSpan.FromMilliseconds(85), $"orders_create took {timer.Elapsed.TotalMilliseconds:F0} ms");
    }

    private sealed record Burst(IReadOnlyList<HttpStatusCode> Statuses, double RequestsPerSecond, int MaxInUse, int MaxPending);

    /// <summary>Fires <see cref="Requests"/> product-list calls, at most <see cref="Concurrency"/> at a time, bounded to 20 s.</summary>
    private static async Task<Burst> BurstAsync(HttpClient client, SimulatedDatabase database)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // Warm up JIT and open the connections on a route that does not use the pool.
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => client.GetAsync("health", deadline.Token)));

        using var gate = new SemaphoreSlim(Concurrency);
        var maxInUse = 0;
        var maxPending = 0;
        var sampling = Task.Run(async () =>
        {
            while (!deadline.IsCancellationRequested)
            {
                maxInUse = Math.Max(maxInUse, database.InUse);
                maxPending = Math.Max(maxPending, database.Pending);
                await Task.Delay(2, CancellationToken.None);
            }
        });

        var timer = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async _ =>
        {
            await gate.WaitAsync(deadline.Token);
            try
            {
                using var response = await client.GetAsync("api/products", deadline.Token);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
        timer.Stop();
        await deadline.CancelAsync();
        await sampling;
        return new Burst(statuses, Requests / timer.Elapsed.TotalSeconds, maxInUse, maxPending);
    }
}
