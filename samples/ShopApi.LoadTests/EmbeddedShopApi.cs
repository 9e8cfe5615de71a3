using System.Net.Http.Json;
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
        await WarmUpAsync(_host.BaseUrl, cancellationToken);
        return _host.BaseUrl;
    }

    /// <summary>
    /// A server under test is normally warm; a freshly started in-process one is not. One health check and one
    /// sign-in make the first measured requests pay no start-up cost (JIT, key setup) the real API would not.
    /// </summary>
    private static async Task WarmUpAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        (await client.GetAsync("health", cancellationToken)).EnsureSuccessStatusCode();
        var credentials = new
        {
            username = Environment.GetEnvironmentVariable("LOADTEST_USERNAME"),
            password = Environment.GetEnvironmentVariable("LOADTEST_PASSWORD"),
        };
        using var content = JsonContent.Create(credentials);
        using var login = await client.PostAsync("api/auth/login", content, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
