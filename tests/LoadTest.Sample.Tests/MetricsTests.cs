using System.Net;
using ShopApi;

namespace LoadTest.Sample.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_report_pool_settings_queries_per_operation_and_requests_by_route()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = 7, DbQueryTime = TimeSpan.FromMilliseconds(1) });
        using var client = new ShopTestClient(host.BaseUrl);
        var token = await client.LoginAsync("alice");
        var before = await PrometheusSamples.ScrapeAsync(client.Http);

        (await client.GetAsync("api/products")).Dispose();
        (await client.GetAsync("api/products?page=2")).Dispose();
        await client.AddToCartAsync(token);
        using var order = await client.PostAsync("api/orders/create", new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, token);
        var id = (await ShopTestClient.ReadJsonAsync(order)).GetProperty("id").GetString();
        (await client.GetAsync($"api/orders/{id}", token)).Dispose();
        (await client.GetAsync("api/orders/ord_00000000000000000000000000000000", token)).Dispose();
        var after = await PrometheusSamples.ScrapeAsync(client.Http);

        Assert.Equal(7, after.Value("db_pool_size"));
        Assert.Equal(0, after.Value("db_pool_in_use"));
        Assert.Equal(0, after.Value("db_pool_pending"));
        // products 2×1 + cart add 1 + order create 2 + order get 2×1 = 7 queries.
        Assert.Equal(7, after.Value("db_queries_total") - before.Value("db_queries_total"));
        Assert.Equal(2, after.Value("""http_requests_total{method="GET",route="/api/products",status="200"}"""));
        Assert.Equal(1, after.Value("""http_requests_total{method="POST",route="/api/orders/create",status="201"}"""));
        // Both order reads count under the route template, not their concrete URLs.
        Assert.Equal(1, after.Value("""http_requests_total{method="GET",route="/api/orders/{id}",status="200"}"""));
        Assert.Equal(1, after.Value("""http_requests_total{method="GET",route="/api/orders/{id}",status="404"}"""));
        Assert.Equal(2, after.Value("""http_request_duration_seconds_count{method="GET",route="/api/orders/{id}"}"""));
    }

    [Fact]
    public async Task Metrics_and_health_answer_while_the_pool_is_saturated()
    {
        await using var host = await ShopApiHost.StartAsync(new ShopApiOptions
        {
            DbPoolSize = 1,
            DbQueryTime = TimeSpan.FromMilliseconds(1500),
            DbPoolTimeout = TimeSpan.FromSeconds(10),
        });
        using var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        // Warm the scrape path first, so a cold first scrape cannot outlast the window in which requests wait.
        await PrometheusSamples.ScrapeAsync(client);

        var busy = Task.WhenAll(client.GetAsync("api/products"), client.GetAsync("api/products"), client.GetAsync("api/products"));
        await WaitUntilAsync(async () => (await PrometheusSamples.ScrapeAsync(client)).Value("db_pool_pending") >= 1);
        var during = await PrometheusSamples.ScrapeAsync(client);
        using var health = await client.GetAsync("health");

        Assert.Equal(1, during.Value("db_pool_in_use"));
        Assert.InRange(during.Value("db_pool_pending"), 1, 2);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var response in await busy)
        {
            response.Dispose();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(10);
        }
    }
}
