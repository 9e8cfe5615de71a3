using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>One shop per test class, with near-zero query time so behaviour tests do not wait on the simulated pool.</summary>
public sealed class ShopApiFixture : IAsyncLifetime
{
    // A test-only key: the tests sign their own tokens with it to check the validator independently of the issuer.
    public const string JwtSecret = "test-only-signing-key-0123456789abcdef";

    private ShopApiHost? host;

    public ShopApiHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public ShopTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        host = await ShopApiHost.StartAsync(new ShopApiOptions { DbQueryTime = TimeSpan.FromMilliseconds(1), JwtSecret = JwtSecret });
        Client = new ShopTestClient(host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
