using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadTest.Runtime.Tests;

/// <summary>HTTPS against a Kestrel server on loopback with a self-signed certificate made for the test.</summary>
public class TlsTests
{
    [Fact]
    public async Task The_tls_handshake_is_timed_on_new_connections_only()
    {
        await using var app = await StartHttpsServerAsync();
        var results = new ConcurrentQueue<HttpResult>();
        var plan = new LoadTestPlan("tls", [new Scenario("t", new PerVuIterations(1, 3), async (vu, ct) =>
            results.Enqueue(await vu.Http.GetAsync("/items", "GET /items", ct)))]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(BaseUrl(app)) with { InsecureSkipTlsVerify = true });

        Assert.Equal(0, result.ErrorRate);
        var timings = results.Select(r => r.Timings).ToList();
        Assert.Equal(3, timings.Count);
        Assert.True(timings[0].Connecting > 0, "the first request opened the connection");
        Assert.True(timings[0].TlsHandshaking > 0, "the first request did the TLS handshake");
        Assert.All(timings.Skip(1), t => Assert.Equal(0, t.TlsHandshaking));
        Assert.All(timings, t => Assert.Equal(t.Sending + t.Waiting + t.Receiving, t.Duration, 9));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ResultsDirectory, "summary.json")));
        var tls = summary.RootElement.GetProperty("metrics").GetProperty("http_req_tls_handshaking").GetProperty("values");
        Assert.True(tls.GetProperty("max").GetDouble() > 0, "http_req_tls_handshaking is recorded");
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_with_k6s_tls_error_unless_skipped()
    {
        await using var app = await StartHttpsServerAsync();
        var results = new ConcurrentQueue<HttpResult>();
        var plan = new LoadTestPlan("tls-untrusted", [new Scenario("t", new PerVuIterations(1, 1), async (vu, ct) =>
            results.Enqueue(await vu.Http.GetAsync("/items", "GET /items", ct)))]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(BaseUrl(app)));

        var response = Assert.Single(results);
        Assert.Equal(0, response.Status);
        Assert.Equal(HttpErrorClassifier.UnknownAuthority, response.ErrorCode); // k6: x509 unknown authority
        Assert.Equal(1, result.ErrorRate);
    }

    private static Uri BaseUrl(WebApplication app) => new(app.Urls.First(u => u.StartsWith("https", StringComparison.Ordinal)) + "/");

    private static async Task<WebApplication> StartHttpsServerAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/items", () => Microsoft.AspNetCore.Http.Results.Json(new { id = "7" }));
        await app.StartAsync();
        return app;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form the platform's TLS can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
