using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadTest.EndToEnd.Tests.Infrastructure;

/// <summary>A tiny API on 127.0.0.1 for the consumer's generated tests: healthy, or failing every request.</summary>
public sealed class LoopbackApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApi(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LoopbackApi> StartAsync(bool failEverything)
    {
        // The tests wait for child processes (dotnet build/test) on blocked pool threads while this server answers
        // them from the same pool; at one thread per core its handlers waited ~1 s for a new thread and the
        // consumers' p(95) thresholds failed. Load-test the API, not the test host.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, io);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        if (failEverything)
        {
            app.Run(context =>
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            });
        }
        else
        {
            app.MapGet("/ping", () => Results.Text("pong"));
            app.MapPost("/items", () => Results.Json(new { id = "item-1", name = "thing" }, statusCode: 201));
            app.MapGet("/items/{id}", (string id) => Results.Json(new { id, name = "thing" }));
        }
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        // Warm the server like a deployed one would be, so the first measured request pays no JIT cost.
        using (var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) })
        {
            using var warmUp = await client.GetAsync("/ping");
        }
        return new LoopbackApi(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
