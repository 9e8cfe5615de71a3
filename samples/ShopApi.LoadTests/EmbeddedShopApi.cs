using LoadTest.Runtime;
using ShopApi;

[assembly: LoadTestTargetProvider(typeof(ShopApi.LoadTests.EmbeddedShopApi))]

namespace ShopApi.LoadTests;

/// <summary>
/// Used when BASE_URL is unset: starts the sample shop API in-process on a free loopback port, with its simulated
/// database pool configured from the SHOP_* environment variables, and signs in as the sample's load-test account.
/// </summary>
public sealed class EmbeddedShopApi : ILoadTestTargetProvider
{
    private ShopApiHost? _host;

    public async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        // The sample's published demo account; a real project takes credentials from its CI secrets instead.
        if (Environment.GetEnvironmentVariable("LOADTEST_USERNAME") is null)
        {
            Environment.SetEnvironmentVariable("LOADTEST_USERNAME", "loadtest");
            Environment.SetEnvironmentVariable("LOADTEST_PASSWORD", ShopApiOptions.DemoUsers["loadtest"]);
        }
        _host = await ShopApiHost.StartAsync(ShopApiOptions.FromEnvironment(), cancellationToken);
        return _host.BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
