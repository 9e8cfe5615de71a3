using System.Net;
using LoadTest.Distributed.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadTest.Runtime.Tests.Distributed;

/// <summary>
/// A loopback Kestrel server answering each path of <see cref="DistributedPlan.Paths"/> after that path's fixed
/// delay (500 for the failing one), so a whole run and a segmented run meet the same latency distribution.
/// </summary>
public sealed class DelayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private DelayServer(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First() + "/");

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<DelayServer> StartAsync()
    {
        // Other test classes block pool threads meanwhile; at one thread per core this server's handlers could
        // wait ~1 s for a thread, which the runners would measure as the API's latency.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, io);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new DelayServer(app);
        foreach (var (path, delayMs) in DistributedPlan.Paths)
        {
            var status = path == DistributedPlan.FailingPath ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            app.MapGet(path, async (HttpContext context) =>
            {
                Interlocked.Increment(ref server._requests);
                await Task.Delay(delayMs, context.RequestAborted);
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("{\"ok\":true}", context.RequestAborted);
            });
        }
        await app.StartAsync();
        return server;
    }

    /// <summary>A few requests to every path, so the server's own first-request costs are paid before any run.</summary>
    public async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        for (var round = 0; round < 3; round++)
        {
            foreach (var (path, _) in DistributedPlan.Paths)
            {
                using var response = await client.GetAsync(path.TrimStart('/'));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
