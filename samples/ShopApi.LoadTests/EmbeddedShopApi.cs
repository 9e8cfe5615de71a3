using System.Net.Http.Json;
using LoadTest.Runtime;
using ShopApi;

[assembly: LoadTestTargetProvider(typeof(ShopApi.LoadTests.EmbeddedShopApi))]

namespace ShopApi.LoadTests;

/// <summary>
/// Used when BASE_URL is unset: starts the sample shop API in-process on a free loopback port, with its simulated
/// database pool configured from the SHOP_* environment variables. No credentials are needed: every virtual user of
/// the generated tests signs up as a user of its own.
/// </summary>
public sealed class EmbeddedShopApi : ILoadTestTargetProvider
{
    private ShopApiHost? _host;

    public async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        _host = await ShopApiHost.StartAsync(ShopApiOptions.FromEnvironment(), cancellationToken);
        await WarmUpAsync(_host.BaseUrl, cancellationToken);
        return _host.BaseUrl;
    }

    /// <summary>
    /// A server under test is normally warm; a freshly started in-process one is not. One health check, one sign-up and
    /// one sign-in make the first measured requests pay no start-up cost (JIT, key setup) the real API would not.
    /// </summary>
    private static async Task WarmUpAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        (await client.GetAsync("health", cancellationToken)).EnsureSuccessStatusCode();
        var credentials = new { username = "warmup-" + Guid.NewGuid().ToString("N")[..12], password = Guid.NewGuid().ToString("N") };
        using (var signUp = await client.PostAsync("api/auth/signup", JsonContent.Create(credentials), cancellationToken))
        {
            signUp.EnsureSuccessStatusCode();
        }

        using var login = await client.PostAsync("api/auth/login", JsonContent.Create(credentials), cancellationToken);
        login.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
