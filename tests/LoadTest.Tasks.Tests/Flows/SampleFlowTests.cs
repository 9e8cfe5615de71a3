using System.Net.Http.Json;
using System.Text.Json;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Tests.Generation;
using LoadTest.Tests.Shared;
using ShopApi;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Flows;

/// <summary>
/// The sample shop's own OpenAPI document with no flow declared: the inferred flow lists products, adds one of them to
/// the cart, orders that cart and reads the order back; each virtual user signs up first. Run by the real k6 and by
/// the engine against the sample on loopback, every check passes, and the shop's per-user counts show one user per VU,
/// each with as many orders read back as created.
/// </summary>
public sealed class SampleFlowTests(ITestOutputHelper output) : IDisposable
{
    private const int Vus = 4;
    private const string Flow = "products_cart_orders";
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-sample-").FullName;

    private static GenerationOutput Generate() => LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), new GenerationOptions("ShopApi", "ShopApi.Tests"));

    [Fact]
    public void The_checkout_flow_is_inferred_from_the_sample_api_with_no_warning()
    {
        var generated = Generate();

        Assert.Empty(generated.Diagnostics);
        var flows = GenerationFixtures.FileAt(generated, "flows.md").Content;
        output.WriteLine(flows);
        Assert.Contains($"## {Flow} (inferred", flows, StringComparison.Ordinal);
        Assert.Contains("body productId ← step 1 GET /api/products response items[*].id", flows, StringComparison.Ordinal);
        Assert.Contains("body cartId ← step 2 POST /api/cart/add response cartId", flows, StringComparison.Ordinal);
        Assert.Contains("path {id} ← step 3 POST /api/orders/create response id", flows, StringComparison.Ordinal);
        Assert.Contains("each virtual user signs up with POST /api/auth/signup as a fresh user and logs in with POST /api/auth/login", flows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_k6_completes_the_checkout_with_no_failed_check_and_a_user_per_virtual_user()
    {
        GeneratedRun.WriteScripts(Generate(), _folder);
        await using var shop = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(5) });
        var results = Path.Combine(_folder, "results");
        Directory.CreateDirectory(results);

        var run = K6Tool.Run(
            ["run", "--quiet", Path.Combine(_folder, Flow + ".js")],
            _folder,
            new Dictionary<string, string>
            {
                ["BASE_URL"] = shop.BaseUrl.ToString().TrimEnd('/'),
                ["LOADTEST_PROFILE"] = "smoke",
                ["LOADTEST_VUS"] = Vus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LOADTEST_DURATION"] = "6s",
                ["LOADTEST_THINK_TIME"] = "0.02-0.05",
                ["LOADTEST_RESULTS_DIR"] = results,
            },
            TimeSpan.FromMinutes(2));

        Assert.True(run.Succeeded, run.ToString());
        var checks = GeneratedRun.Checks(Path.Combine(results, Flow + ".summary.json"));
        await AssertCheckoutAsync(checks, shop, "k6");
    }

    [Fact]
    public async Task The_CSharp_twin_completes_the_checkout_with_no_failed_check_and_a_user_per_virtual_user()
    {
        await using var shop = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(5) });

        var (result, checks) = await GeneratedRun.TwinAsync(Generate(), "ShopApi.Tests", "ProductsCartOrdersScenario", shop.BaseUrl, Vus, "6s", Path.Combine(_folder, "results"));

        Assert.Equal(0, result.ErrorRate);
        await AssertCheckoutAsync(checks, shop, "C# twin");
    }

    [Fact]
    public async Task A_data_file_gives_each_virtual_user_its_own_row_under_k6_and_the_engine()
    {
        // The sample's demo accounts, one row each: with three VUs, each logs in as its own account (no sign-up).
        var name = $"users-{Guid.NewGuid():N}.csv";
        var dataFile = Path.Combine(_folder, name);
        File.WriteAllText(dataFile, string.Join('\n', ShopApiOptions.DemoUsers.Select(u => $"{u.Key},{u.Value}").Prepend("username,password")) + "\n");
        var generated = LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), new GenerationOptions("ShopApi", "ShopApi.Tests") { DataFile = dataFile });
        Assert.Empty(generated.Diagnostics);
        Assert.Contains("as the data file's row (password, username from its columns; rows per-vu)", GenerationFixtures.FileAt(generated, "flows.md").Content, StringComparison.Ordinal);
        GeneratedRun.WriteScripts(generated, _folder);
        // The twin reads its copy from the test output, where the build puts it (loadtest-data/).
        var copy = Path.Combine(AppContext.BaseDirectory, "loadtest-data", name);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(dataFile, copy);
        try
        {
            foreach (var runner in new[] { "k6", "C# twin" })
            {
                await using var shop = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(5) });
                var results = Path.Combine(_folder, "results-" + runner.Replace(' ', '-'));
                IReadOnlyList<CheckCount> checks;
                if (runner == "k6")
                {
                    Directory.CreateDirectory(results);
                    var run = K6Tool.Run(["run", "--quiet", Path.Combine(_folder, Flow + ".js")], _folder, new Dictionary<string, string>
                    {
                        ["BASE_URL"] = shop.BaseUrl.ToString().TrimEnd('/'),
                        ["LOADTEST_PROFILE"] = "smoke",
                        ["LOADTEST_VUS"] = "3",
                        ["LOADTEST_DURATION"] = "4s",
                        ["LOADTEST_THINK_TIME"] = "0.02-0.05",
                        ["LOADTEST_RESULTS_DIR"] = results,
                    }, TimeSpan.FromMinutes(2));
                    Assert.True(run.Succeeded, run.ToString());
                    checks = GeneratedRun.Checks(Path.Combine(results, Flow + ".summary.json"));
                }
                else
                {
                    (_, checks) = await GeneratedRun.TwinAsync(generated, "ShopApi.Tests", "ProductsCartOrdersScenario", shop.BaseUrl, 3, "4s", results);
                }

                output.WriteLine($"{runner} with a data file: {GeneratedRun.Describe(checks)}");
                Assert.True(checks.All(c => c.Fails == 0), GeneratedRun.Describe(checks));
                Assert.DoesNotContain(checks, c => c.Name == "auth signup 201");
                using var client = new HttpClient { BaseAddress = shop.BaseUrl };
                using var stats = JsonDocument.Parse(await client.GetStringAsync("stats/users"));
                var users = stats.RootElement.GetProperty("items").EnumerateArray().ToDictionary(u => u.GetProperty("username").GetString()!, u => u.GetProperty("ordersCreated").GetInt64());
                output.WriteLine($"{runner} with a data file: orders per user: {string.Join(", ", users.Select(u => $"{u.Key} {u.Value}"))}");
                Assert.Equal(ShopApiOptions.DemoUsers.Keys.Order(), users.Keys.Order());
                Assert.All(users.Values, created => Assert.True(created > 0));
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void A_missing_data_file_stops_the_k6_run_before_any_request_with_LT4100_and_its_path()
    {
        var dataFile = Path.Combine(_folder, "users.csv");
        File.WriteAllText(dataFile, "username,password\nalice,alice-demo-password\n");
        GeneratedRun.WriteScripts(LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), new GenerationOptions("ShopApi", "ShopApi.Tests") { DataFile = dataFile }), _folder);
        File.Delete(Path.Combine(_folder, "data", "users.csv"));

        var run = K6Tool.Run(["run", "--quiet", Path.Combine(_folder, Flow + ".js")], _folder,
            new Dictionary<string, string> { ["BASE_URL"] = "http://127.0.0.1:9", ["LOADTEST_PROFILE"] = "smoke", ["LOADTEST_VUS"] = "1", ["LOADTEST_DURATION"] = "1s" },
            TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("LT4100: data file ./data/users.csv cannot be read", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("http_reqs", run.Stdout, StringComparison.Ordinal);
    }

    private async Task AssertCheckoutAsync(IReadOnlyList<CheckCount> checks, ShopApiHost shop, string runner)
    {
        var described = GeneratedRun.Describe(checks);
        output.WriteLine($"{runner}: {described}");
        foreach (var expected in new[] { "auth signup 201", "auth login 200", "products list 200", "cart add 200", "orders create 201", "orders get 200" })
        {
            Assert.True(checks.Any(c => c.Name == expected && c.Passes > 0), $"{expected} never passed: {described}");
        }

        Assert.True(checks.All(c => c.Fails == 0), described);

        using var client = new HttpClient { BaseAddress = shop.BaseUrl };
        using var stats = JsonDocument.Parse(await client.GetStringAsync("stats/users"));
        var users = stats.RootElement.GetProperty("items").EnumerateArray()
            .Select(u => (Name: u.GetProperty("username").GetString()!, Adds: u.GetProperty("cartAdds").GetInt64(), Created: u.GetProperty("ordersCreated").GetInt64(), Read: u.GetProperty("ordersRead").GetInt64()))
            .ToList();
        output.WriteLine($"{runner}: per-user counts: {string.Join("; ", users.Select(u => $"{u.Name}: {u.Adds} cart adds, {u.Created} orders created, {u.Read} read"))}");
        Assert.Equal(Vus, users.Count);
        Assert.All(users, u =>
        {
            Assert.True(u.Created > 0, $"{u.Name} created no order");
            Assert.Equal(u.Created, u.Read);
            Assert.Equal(u.Created, u.Adds);
        });
        Assert.Equal(checks.Single(c => c.Name == "orders create 201").Passes, users.Sum(u => u.Created));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
