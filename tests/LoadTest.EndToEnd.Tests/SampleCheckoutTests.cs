using System.Text.Json;
using LoadTest.EndToEnd.Tests.Infrastructure;

namespace LoadTest.EndToEnd.Tests;

/// <summary>
/// The sample shop's OpenAPI document with no LoadTestFlow, built by the packed SDK: the build prints the inferred
/// checkout flow with its edges and writes flows.md; `dotnet test` runs it against the sample API started in-process
/// with every check passing (no request fails because of a generated value), each virtual user signed up as its own
/// user, as the shop's per-user counts show.
/// </summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class SampleCheckoutTests(PackagedSdkFixture sdk)
{
    /// <summary>
    /// The sample API in-process, as the sample's EmbeddedShopApi; when the run ends it writes the shop's per-user
    /// counts (GET /stats/users) into the results folder, so the test can count the users the virtual users were.
    /// </summary>
    private const string CountingShop = """
        using LoadTest.Runtime;
        using ShopApi;

        [assembly: LoadTestTargetProvider(typeof(ShopApi.LoadTests.CountingShopApi))]

        namespace ShopApi.LoadTests;

        public sealed class CountingShopApi : ILoadTestTargetProvider
        {
            private ShopApiHost? _host;

            public async Task<Uri> StartAsync(CancellationToken cancellationToken)
            {
                _host = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(5) }, cancellationToken);
                return _host.BaseUrl;
            }

            public async ValueTask DisposeAsync()
            {
                if (_host is null) return;
                using (var client = new HttpClient { BaseAddress = _host.BaseUrl })
                {
                    var stats = await client.GetStringAsync("stats/users");
                    File.WriteAllText(Path.Combine(Environment.GetEnvironmentVariable("LOADTEST_RESULTS_DIR")!, "user-stats.json"), stats);
                }

                await _host.DisposeAsync();
            }
        }
        """;

    [Fact]
    public void Inferred_checkout_flow_runs_clean_against_the_sample_api_with_a_user_per_virtual_user()
    {
        var consumer = sdk.CreateConsumer("SampleCheckout");
        var samples = Path.Combine(RepoPaths.Root, "samples");
        consumer.WriteFile("CountingShopApi.cs", CountingShop);
        consumer.WriteProject($"""
            <ProjectReference Include="{Path.Combine(samples, "ShopApi", "ShopApi.csproj")}" />
            <LoadTestSource Include="{Path.Combine(samples, "ShopApi", "openapi.yaml")}" />
            """, "<RootNamespace>ShopApi.LoadTests</RootNamespace>");
        var results = Path.Combine(consumer.Directory, "results");

        var build = consumer.Dotnet("build", "-v:n");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("flow products_cart_orders (inferred from the API's producer → consumer edges): GET /api/products -> POST /api/cart/add -> POST /api/orders/create -> GET /api/orders/{id}", build.Output);
        Assert.Contains("POST /api/orders/create body cartId <- step 2 POST /api/cart/add response cartId (same name)", build.Output);
        Assert.Contains("each virtual user signs up with POST /api/auth/signup as a fresh user", build.Output);
        Assert.DoesNotContain("warning LT", build.Output);
        Assert.Contains("## products_cart_orders (inferred", File.ReadAllText(Path.Combine(consumer.ScriptsDirectory, "flows.md")));

        const int vus = 3;
        var test = consumer.Dotnet(new Dictionary<string, string?>
        {
            ["BASE_URL"] = null,
            ["LOADTEST_PROFILE"] = "smoke",
            ["LOADTEST_VUS"] = vus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LOADTEST_DURATION"] = "6s",
            ["LOADTEST_TIME_SCALE"] = "0.05",
            ["LOADTEST_RESULTS_DIR"] = results,
            ["LOADTEST_QUIET"] = "1",
        }, "test", "--no-build", "--filter", "FullyQualifiedName~ProductsCartOrdersFlow");
        Assert.True(test.ExitCode == 0, test.ToString());

        var summaryPath = Directory.GetFiles(results, "summary.json", SearchOption.AllDirectories).Single();
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var checks = summary.RootElement.GetProperty("root_group").GetProperty("checks").EnumerateArray().ToList();
        foreach (var expected in new[] { "auth signup 201", "auth login 200", "products list 200", "cart add 200", "orders create 201", "orders get 200" })
        {
            Assert.Contains(checks, c => c.GetProperty("name").GetString() == expected);
        }

        Assert.All(checks, c =>
        {
            Assert.True(c.GetProperty("passes").GetInt64() > 0, c.ToString());
            Assert.True(c.GetProperty("fails").GetInt64() == 0, c.ToString());
        });
        var failed = summary.RootElement.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("values");
        Assert.Equal(0, failed.GetProperty("passes").GetInt64());

        // The shop's own counts: one user per VU, each with its orders created and read back.
        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "user-stats.json")));
        var users = stats.RootElement.GetProperty("items").EnumerateArray().Where(u => !u.GetProperty("username").GetString()!.StartsWith("warmup", StringComparison.Ordinal)).ToList();
        Assert.Equal(vus, users.Count);
        Assert.All(users, u =>
        {
            Assert.True(u.GetProperty("ordersCreated").GetInt64() > 0, u.ToString());
            Assert.Equal(u.GetProperty("ordersCreated").GetInt64(), u.GetProperty("ordersRead").GetInt64());
        });
    }
}
