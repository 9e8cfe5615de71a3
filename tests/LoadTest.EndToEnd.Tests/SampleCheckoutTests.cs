using System.Text.Json;
using LoadTest.EndToEnd.Tests.Infrastructure;

namespace LoadTest.EndToEnd.Tests;

/// <summary>
/// The sample's checkout flow, generated from samples/ShopApi/openapi.yaml by the packed SDK, runs clean against the
/// sample API started in-process: every check passes, so no request fails because of a generated payload.
/// </summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class SampleCheckoutTests(PackagedSdkFixture sdk)
{
    [Fact]
    public void Generated_checkout_flow_runs_clean_against_the_sample_api()
    {
        var consumer = sdk.CreateConsumer("SampleCheckout");
        var samples = Path.Combine(RepoPaths.Root, "samples");
        File.Copy(Path.Combine(samples, "ShopApi.LoadTests", "EmbeddedShopApi.cs"), Path.Combine(consumer.Directory, "EmbeddedShopApi.cs"));
        consumer.WriteProject($"""
            <ProjectReference Include="{Path.Combine(samples, "ShopApi", "ShopApi.csproj")}" />
            <LoadTestSource Include="{Path.Combine(samples, "ShopApi", "openapi.yaml")}" />
            <LoadTestFlow Include="checkout" Steps="POST /api/cart/add -> POST /api/orders/create -> GET /api/orders/{"{id}"}" />
            """, "<RootNamespace>ShopApi.LoadTests</RootNamespace>");
        var results = Path.Combine(consumer.Directory, "results");

        var test = consumer.Dotnet(new Dictionary<string, string?>
        {
            ["BASE_URL"] = null,
            ["LOADTEST_PROFILE"] = "smoke",
            ["LOADTEST_VUS"] = "3",
            ["LOADTEST_DURATION"] = "6s",
            ["LOADTEST_TIME_SCALE"] = "0.05",
            ["LOADTEST_RESULTS_DIR"] = results,
            ["LOADTEST_QUIET"] = "1",
        }, "test", "--filter", "Category=Load");
        Assert.True(test.ExitCode == 0, test.ToString());

        var summaryPath = Directory.GetFiles(results, "summary.json", SearchOption.AllDirectories).Single();
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var checks = summary.RootElement.GetProperty("root_group").GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "orders create 201");
        Assert.All(checks, c =>
        {
            Assert.True(c.GetProperty("passes").GetInt64() > 0, c.ToString());
            Assert.True(c.GetProperty("fails").GetInt64() == 0, c.ToString());
        });
        var failed = summary.RootElement.GetProperty("metrics").GetProperty("http_req_failed").GetProperty("values");
        Assert.Equal(0, failed.GetProperty("passes").GetInt64());
    }
}
