using System.Diagnostics;
using System.Net;
using System.Text;

namespace LoadTest.Runtime.Http;

/// <summary>One finished request, handed to the metrics (one per redirect hop, like k6).</summary>
internal readonly record struct HttpSample(
    string Name,
    string Method,
    string Url,
    int Status,
    int ErrorCode,
    HttpTimings Timings,
    double StartLagMs,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>Where a VU's requests are recorded, and what it knows about its iteration.</summary>
internal interface IHttpSampleSink
{
    void RecordHttp(in HttpSample sample, string groupPath);

    /// <summary>A request cut off because its iteration was interrupted: not a sample (k6 drops it too), but counted.</summary>
    void RecordCut() { }
}

/// <summary>What the client needs from its virtual user.</summary>
internal interface IVuRequestContext
{
    string GroupPath { get; }

    /// <summary>Open model: how late the iteration started against its schedule, once per iteration (then 0).</summary>
    double TakeStartLagMs();
}

/// <summary>
/// A VU's HTTP client (k6 <c>http</c> module): its own cookie jar, the run's shared connection pool. Never throws
/// for a failed request: the result has Status 0, an Error and an ErrorCode. Throws
/// <see cref="OperationCanceledException"/> only when the iteration itself is cancelled (the run is stopping);
/// such a request is not recorded.
/// </summary>
public sealed class VuHttpClient
{
    private const int MaxRedirects = 10;
    private static readonly string UserAgent = "LoadTest.Sdk/0.1 (k6-compatible)";

    private readonly HttpEngine _engine;
    private readonly Uri? _baseUrl;
    private readonly IHttpSampleSink _sink;
    private readonly IVuRequestContext _context;
    // Created on the first Set-Cookie: most VUs of a large run never get one, and a jar costs ~0.5 KB.
    private CookieContainer? _cookies;
    private ResolvedUrl? _lastResolved;
    private TimeoutSource? _spareTimeout;

    internal VuHttpClient(HttpEngine engine, Uri? baseUrl, IHttpSampleSink sink, IVuRequestContext context)
    {
        _engine = engine;
        _baseUrl = baseUrl;
        _sink = sink;
        _context = context;
    }

    /// <summary>This VU's cookies (k6 per-VU cookie jar).</summary>
    public CookieContainer Cookies => _cookies ??= new CookieContainer();

    public Task<HttpResult> GetAsync(string url, string? name, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Get, url) { Name = name, Headers = headers }, cancellationToken);

    public Task<HttpResult> PostJsonAsync(string url, string json, string? name, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(new HttpRequestSpec(HttpMethod.Post, url) { Name = name, Body = json, ContentType = "application/json", Headers = headers }, cancellationToken);

    public async Task<HttpResult> SendAsync(HttpRequestSpec request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var lagMs = _context.TakeStartLagMs();
        var uri = Resolve(request.Url);
        if (uri is null)
        {
            var name = request.Name ?? request.Url;
            var failed = new HttpResult(request.Url, 0, ResponseBody.Empty, $"invalid URL '{request.Url}'", HttpErrorClassifier.InvalidUrl, default, null);
            _sink.RecordHttp(new HttpSample(name, request.Method.Method, request.Url, 0, HttpErrorClassifier.InvalidUrl, default, lagMs, request.Tags), _context.GroupPath);
            return failed;
        }

        var method = request.Method;
        var body = request.Body;
        for (var hop = 0; ; hop++)
        {
            var result = await SendOnceAsync(request, method, uri, body, hop == 0 ? lagMs : 0, cancellationToken).ConfigureAwait(false);
            if (hop >= MaxRedirects || !IsRedirect(result.Status) || result.Header("Location") is not { Length: > 0 } location
                || !Uri.TryCreate(uri, location, out var next))
            {
                return result;
            }
            // Same rules as Go's client, which k6 uses: 303 (and 301/302 for non-GET) turn into a GET without body.
            if (result.Status == 303 || ((result.Status is 301 or 302) && method != HttpMethod.Get && method != HttpMethod.Head))
            {
                method = HttpMethod.Get;
                body = null;
            }
            uri = next;
        }
    }

    /// <summary>
    /// The request's timeout, cancelled also when the iteration is: the VU's spare source is reused (its timer and
    /// registration nodes too), so a request allocates none; a second concurrent request of the same VU gets a new one.
    /// </summary>
    private TimeoutSource RentTimeout(CancellationToken iteration, TimeSpan limit)
    {
        var source = Interlocked.Exchange(ref _spareTimeout, null) ?? new TimeoutSource(this);
        source.Start(iteration, limit);
        return source;
    }

    /// <summary>A reusable timeout linked to one iteration token at a time; disposing returns it to its client.</summary>
    private sealed class TimeoutSource(VuHttpClient owner) : IDisposable
    {
        private CancellationTokenSource _source = new();
        private CancellationTokenRegistration _link;

        public CancellationToken Token => _source.Token;

        public void Start(CancellationToken iteration, TimeSpan limit)
        {
            _link = iteration.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
            _source.CancelAfter(limit);
        }

        public void Dispose()
        {
            _link.Dispose();
            // A fired source cannot be reset; it is replaced and the next request starts clean.
            if (!_source.TryReset())
            {
                _source.Dispose();
                _source = new CancellationTokenSource();
            }
            Volatile.Write(ref owner._spareTimeout, this);
        }
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private Uri? Resolve(string url)
    {
        // Most iterations repeat their URLs; one remembered resolution saves a Uri (~0.5 KB) per request.
        var last = _lastResolved;
        if (last is not null && string.Equals(last.Url, url, StringComparison.Ordinal)) return last.Uri;
        var uri = ResolveNew(url);
        if (uri is not null) _lastResolved = new ResolvedUrl(url, uri);
        return uri;
    }

    private sealed record ResolvedUrl(string Url, Uri Uri);

    private Uri? ResolveNew(string url)
    {
        if (!url.StartsWith('/') && Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }
        if (_baseUrl is null || url.Contains("://", StringComparison.Ordinal)) return null;
        // Joined as text so a base path (http://host/api) is kept for "/orders".
        var joined = _baseUrl.AbsoluteUri.TrimEnd('/') + "/" + url.TrimStart('/');
        return Uri.TryCreate(joined, UriKind.Absolute, out var combined) ? combined : null;
    }

    private async Task<HttpResult> SendOnceAsync(HttpRequestSpec request, HttpMethod method, Uri uri, string? body, double lagMs, CancellationToken cancellationToken)
    {
        var timing = new RequestTiming();
        var url = uri.AbsoluteUri;
        var name = request.Name ?? url;

        var status = 0;
        var responseBody = ResponseBody.Empty;
        string? error = null;
        var errorCode = 0;
        ResponseHeaders? headers = null;
        long headersAt = 0;
        using var timeout = RentTimeout(cancellationToken, request.Timeout is { } limit && limit > TimeSpan.Zero ? limit : HttpRequestSpec.DefaultTimeout);
        var start = Stopwatch.GetTimestamp();
        var admitted = start;
        // With a connection cap, a request waits here for a slot before it exists (k6's "blocked"), so 10,000 waiting
        // VUs hold a semaphore node each instead of a built request inside the handler's queue.
        var gate = _engine.GateFor(uri);
        var entered = false;
        try
        {
            if (gate is not null)
            {
                if (!gate.Wait(0))
                {
                    _engine.CountQueued();
                    await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
                entered = true;
                admitted = Stopwatch.GetTimestamp();
            }
            using var message = BuildMessage(request, method, uri, body, timing);
            using var response = await _engine.Invoker.SendAsync(message, timeout.Token).ConfigureAwait(false);
            headersAt = Stopwatch.GetTimestamp();
            status = (int)response.StatusCode;
            headers = new ResponseHeaders(response.Headers, response.Content.Headers);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    try { Cookies.SetCookies(uri, cookie); }
                    catch (CookieException) { /* a malformed cookie is ignored, like browsers and k6 do */ }
                }
            }
            // Bytes now, text only if the script reads it: most load-test iterations check the status alone.
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            responseBody = new ResponseBody(bytes, response.Content.Headers.ContentType?.CharSet);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _sink.RecordCut();
            throw;
        }
        catch (OperationCanceledException)
        {
            status = 0;
            // A timeout while this request's own connection was still being dialled is k6's dial timeout.
            (errorCode, error) = timing.ConnectStart > 0 && timing.ConnectEnd == 0 && headersAt == 0
                ? (HttpErrorClassifier.DialTimeout, "dial: i/o timeout")
                : (HttpErrorClassifier.RequestTimeout, "request timeout");
        }
        catch (Exception exception)
        {
            // A transport failure, even after the headers, fails the request (status 0) so it counts in http_req_failed.
            status = 0;
            (errorCode, error) = HttpErrorClassifier.Classify(exception);
        }
        finally
        {
            if (entered) gate!.Release();
        }
        var end = Stopwatch.GetTimestamp();
        // k6 gives HTTP errors codes too: 1000 + status for every status of 400 or more (1404, 1503…).
        if (errorCode == 0) errorCode = HttpErrorClassifier.ForStatus(status);
        // A request that never got a slot (timed out waiting) was blocked all along.
        var timings = Measure(timing, start, gate is not null && !entered ? end : admitted, headersAt, end);
        _sink.RecordHttp(new HttpSample(name, method.Method, url, status, errorCode, timings, lagMs, request.Tags), _context.GroupPath);
        return new HttpResult(url, status, responseBody, error, errorCode, timings, headers);
    }

    /// <summary>The request as sent: headers, this VU's cookies, a timed body. Internal for the benchmarks.</summary>
    internal HttpRequestMessage BuildMessage(HttpRequestSpec request, HttpMethod method, Uri uri, string? body, RequestTiming timing)
    {
        var message = new TimedRequestMessage(method, uri, timing);
        if (_engine.Http2)
        {
            message.Version = HttpVersion.Version20;
            // h2c (cleartext) needs an exact version; over TLS, ALPN may fall back to 1.1.
            message.VersionPolicy = uri.Scheme == Uri.UriSchemeHttps ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact;
        }
        var contentType = request.ContentType;
        string? userCookies = null;
        if (request.Headers is not null)
        {
            foreach (var (key, value) in request.Headers)
            {
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
                else if (key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)) userCookies = value;
                else message.Headers.TryAddWithoutValidation(key, value);
            }
        }
        if (!message.Headers.Contains("User-Agent")) message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        var jarCookies = _cookies is null || _cookies.Count == 0 ? "" : _cookies.GetCookieHeader(uri);
        var cookieHeader = string.IsNullOrEmpty(userCookies) ? jarCookies
            : string.IsNullOrEmpty(jarCookies) ? userCookies : userCookies + "; " + jarCookies;
        if (cookieHeader.Length > 0) message.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        if (body is not null)
        {
            message.Content = new TimedContent(Encoding.UTF8.GetBytes(body), contentType ?? "text/plain; charset=utf-8", timing);
        }
        return message;
    }

    /// <summary>Resolves a request URL against the base URL; null when it is not a valid http(s) URL.</summary>
    internal Uri? ResolveUrl(string url) => Resolve(url);

    // admitted: when the request got a slot under the connection cap (= start without a cap); the wait is blocked.
    private static HttpTimings Measure(RequestTiming timing, long start, long admitted, long headersAt, long end)
    {
        var newConnection = timing.ConnectStart >= admitted && timing.ConnectStart > 0;
        var blocked = Ms(admitted - start) + (newConnection ? Ms(timing.ConnectStart - admitted) : 0);
        var connecting = newConnection && timing.ConnectEnd >= timing.ConnectStart ? Ms(timing.ConnectEnd - timing.ConnectStart) : 0;
        var tls = newConnection && timing.TlsEnd >= timing.ConnectEnd && timing.ConnectEnd > 0 ? Ms(timing.TlsEnd - timing.ConnectEnd) : 0;
        var sending = timing.SendStart > 0 && timing.SendEnd >= timing.SendStart ? Ms(timing.SendEnd - timing.SendStart) : 0;
        var firstByte = headersAt > 0 ? headersAt : end;
        var waiting = Math.Max(0, Ms(firstByte - start) - blocked - connecting - tls - sending);
        var receiving = headersAt > 0 ? Ms(end - headersAt) : 0;
        return new HttpTimings(blocked, connecting, tls, sending, waiting, receiving);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
