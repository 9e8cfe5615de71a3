using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Tests.Sources.AspNetCore;
using LoadTest.Tasks.Tests.Sources.Express;
using LoadTest.Tests.Shared;

namespace LoadTest.Tasks.Tests.Sources;

/// <summary>
/// The requests real k6 sends when it runs the scripts generated from the reader fixtures: a loopback server records
/// them (one VU for 150 s scaled by 0.01: about a second and a half). What the reader learnt must be on the wire.
/// </summary>
public sealed class WireRequestsTests
{
    private sealed record Recorded(string Method, string Path, NameValueSnapshot Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body);

    private sealed record NameValueSnapshot(IReadOnlyDictionary<string, string> Values)
    {
        public string? this[string name] => Values.GetValueOrDefault(name);
    }

    [Fact]
    public void Conduit_register_and_login_send_the_user_object()
    {
        var model = ExpressFixtures.ReadModel("conduit-ts/src");
        var recorded = Run(GeneratedRequests.Generate(model, "POST /api/users", "POST /api/users/login"), request => request.Path == "/api/users" ? 201 : 200);

        var registers = recorded.Where(r => r is { Method: "POST", Path: "/api/users" }).ToList();
        Assert.NotEmpty(registers);
        Assert.All(registers, r =>
        {
            var user = r.Body!["user"]!.AsObject();
            Assert.Contains("@", user["email"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(user["username"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(user["password"]!.GetValue<string>()));
            Assert.Equal("application/json", r.Headers["Content-Type"]);
        });

        var logins = recorded.Where(r => r.Path == "/api/users/login").ToList();
        Assert.NotEmpty(logins);
        Assert.All(logins, r => Assert.Equal(["email", "password"], r.Body!["user"]!.AsObject().Select(m => m.Key).Order()));
        // method-override and friends are not authentication: nothing here asks for a token
        Assert.All(recorded, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public void Catalog_requests_carry_their_api_version_and_numbers()
    {
        var model = AspNetCoreReaderTests.Read("eshop-catalog/Catalog.API.csproj").Model!;
        var recorded = Run(GeneratedRequests.Generate(model, "ListItems-V2", "ListItems", "CreateItem"), request => request.Method == "POST" ? 201 : 200);

        var lists = recorded.Where(r => r is { Method: "GET", Path: "/api/catalog/items" }).ToList();
        Assert.Equal(["1.0", "2.0"], lists.Select(r => r.Query["api-version"]!).Distinct().Order());
        var creates = recorded.Where(r => r.Method == "POST").ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, r =>
        {
            Assert.Contains(r.Query["api-version"], new[] { "1.0", "2.0" });
            Assert.Equal(System.Text.Json.JsonValueKind.Number, r.Body!["availableStock"]!.GetValueKind());
        });
    }

    /// <summary>Runs the flow script once with real k6 against a loopback recorder; every request is answered <paramref name="status"/>.</summary>
    private static List<Recorded> Run(GenerationOutput output, Func<Recorded, int> status)
    {
        var folder = Directory.CreateTempSubdirectory("lt-wire-");
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var recorded = new ConcurrentQueue<Recorded>();
        var serving = Task.Run(() => Serve(listener, recorded, status));
        try
        {
            foreach (var file in output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script))
            {
                var target = Path.Combine(folder.FullName, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, file.Content);
            }

            string[] arguments =
            [
                "run", "--quiet", "--no-summary", "-e", $"BASE_URL=http://127.0.0.1:{port}", "-e", "LOADTEST_VUS=1", "-e", "LOADTEST_DURATION=150s",
                "-e", "LOADTEST_TIME_SCALE=0.01", "-e", "LOADTEST_RESULTS_DIR=" + Path.Combine(folder.FullName, "results"), "probe.js",
            ];
            var result = K6Tool.Run(arguments, folder.FullName, null, TimeSpan.FromSeconds(60));
            Assert.False(result.TimedOut, result.ToString());
            Assert.True(result.ExitCode is 0 or 99, result.ToString());
            return [.. recorded];
        }
        finally
        {
            listener.Stop();
            serving.Wait(TimeSpan.FromSeconds(10));
            folder.Delete(recursive: true);
        }
    }

    private static void Serve(HttpListener listener, ConcurrentQueue<Recorded> recorded, Func<Recorded, int> status)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var text = reader.ReadToEnd();
            var query = context.Request.QueryString.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.QueryString[k] ?? "", StringComparer.Ordinal);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new Recorded(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, new NameValueSnapshot(query), headers,
                text.Length == 0 ? null : JsonNode.Parse(text));
            recorded.Enqueue(request);
            context.Response.StatusCode = status(request);
            context.Response.ContentType = "application/json";
            var payload = "{\"user\":{\"token\":\"t\"}}"u8.ToArray();
            context.Response.OutputStream.Write(payload);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
