using BenchmarkDotNet.Attributes;
using LoadTest.Runtime.Http;

namespace LoadTest.Benchmarks.Runtime;

/// <summary>Building the HttpRequestMessage a VU sends: URL resolution, headers, cookie jar, JSON body.</summary>
[MemoryDiagnoser]
public class BuildRequestBenchmarks
{
    private HttpEngine _engine = null!;
    private VuHttpClient _client = null!;
    private HttpRequestSpec _get = null!;
    private HttpRequestSpec _post = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new HttpEngine();
        _client = new VuHttpClient(_engine, new Uri("http://127.0.0.1:8080/api"), new NoSink(), new NoContext());
        _client.Cookies.Add(new Uri("http://127.0.0.1:8080/"), new System.Net.Cookie("session", "abc"));
        _get = new HttpRequestSpec(HttpMethod.Get, "/items/42") { Name = "GET /items/{id}" };
        _post = new HttpRequestSpec(HttpMethod.Post, "/orders")
        {
            Name = "POST /orders",
            Body = """{"itemId":42,"quantity":2,"note":"benchmark"}""",
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer token" },
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public HttpRequestMessage Get() => Build(_get);

    [Benchmark]
    public HttpRequestMessage PostJson() => Build(_post);

    private HttpRequestMessage Build(HttpRequestSpec spec)
    {
        var uri = _client.ResolveUrl(spec.Url)!;
        using var message = _client.BuildMessage(spec, spec.Method, uri, spec.Body, new RequestTiming());
        return message;
    }

    private sealed class NoSink : IHttpSampleSink
    {
        public void RecordHttp(in HttpSample sample, string groupPath)
        {
        }
    }

    private sealed class NoContext : IVuRequestContext
    {
        public string GroupPath => "";

        public double TakeStartLagMs() => 0;
    }
}
