namespace ShopApi;

/// <summary>
/// The shop running in-process on a free loopback port, for tests and load-test projects:
/// <c>await using var shop = await ShopApiHost.StartAsync(new ShopApiOptions());</c> then call <see cref="BaseUrl"/>.
/// </summary>
public sealed class ShopApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ShopApiHost(WebApplication app, Uri baseUrl, ShopApiOptions options)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Options = options;
    }

    /// <summary>Root of the API, e.g. http://127.0.0.1:41234/ (always loopback, port chosen by the OS).</summary>
    public Uri BaseUrl { get; }

    public ShopApiOptions Options { get; }

    /// <summary>The running app's services (e.g. the simulated database) for tests that look inside.</summary>
    public IServiceProvider Services => app.Services;

    /// <exception cref="ShopApiConfigurationException">An option has a value the shop cannot run with.</exception>
    public static async Task<ShopApiHost> StartAsync(ShopApiOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = ShopApiApplication.Build(options, [], builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        try
        {
            await app.StartAsync(ct);
            // After start, Kestrel reports the port the OS chose for :0.
            var address = app.Urls.Single();
            return new ShopApiHost(app, new Uri(address.TrimEnd('/') + "/"), options);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
