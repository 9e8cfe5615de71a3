using System.Collections.Concurrent;
using System.Net;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace LoadTest.Runtime.Tests;

public class Http2Tests
{
    [Fact]
    public async Task Http2_is_opt_in_and_works_over_cleartext()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        await using var app = builder.Build();
        var protocols = new ConcurrentBag<string>();
        app.MapGet("/items", (HttpContext context) =>
        {
            protocols.Add(context.Request.Protocol);
            return Microsoft.AspNetCore.Http.Results.Json(new { id = "7" });
        });
        await app.StartAsync();
        var baseUrl = new Uri(app.Urls.First() + "/");
        var responses = new ConcurrentBag<HttpResult>();
        var plan = new LoadTestPlan("h2", [new Scenario("h", new PerVuIterations(3, 3), async (vu, ct) =>
            responses.Add(await vu.Http.GetAsync("/items", "GET /items", ct)))]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(baseUrl) with { Http2 = true });
        await app.StopAsync();

        Assert.Equal(9, result.Requests);
        Assert.Equal(0, result.ErrorRate);
        Assert.All(responses, r => Assert.Equal("7", r.JsonValue("id")));
        Assert.Equal(9, protocols.Count);
        Assert.All(protocols, p => Assert.Equal("HTTP/2", p));
    }
}
