using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace LoadTest.Runtime.Http;

/// <summary>
/// The run's one connection pool: a <see cref="SocketsHttpHandler"/> shared by every VU (cookies are kept per VU,
/// so the handler's own cookie handling is off; redirects are followed by <see cref="VuHttpClient"/> so each hop is
/// a sample, like k6). A connect callback times TCP connects and counts the bytes on the wire; the plaintext filter,
/// which the handler calls right after the TLS handshake, times the handshake.
/// </summary>
public sealed class HttpEngine : IDisposable
{
    private long _bytesSent;
    private long _bytesReceived;
    private long _queued;
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), SemaphoreSlim>? _gates;

    /// <param name="http2">Use HTTP/2 (h2c for http://, ALPN for https://).</param>
    /// <param name="maxConnectionsPerHost">At most this many connections per host (0: unlimited, one per busy VU).</param>
    /// <param name="insecureSkipTlsVerify">Accept any server certificate (k6 <c>insecureSkipTLSVerify</c>).</param>
    public HttpEngine(bool http2 = false, int maxConnectionsPerHost = 0, bool insecureSkipTlsVerify = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxConnectionsPerHost);
        Http2 = http2;
        MaxConnectionsPerHost = maxConnectionsPerHost;
        if (maxConnectionsPerHost > 0) _gates = new();
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = maxConnectionsPerHost > 0 ? maxConnectionsPerHost : int.MaxValue,
            // Recycle connections now and then so DNS changes and server-side balancing are seen, as a real client would.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = AfterHandshake,
        };
        if (insecureSkipTlsVerify)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public bool Http2 { get; }

    /// <summary>At most this many requests in flight (so connections) per host; 0 is unlimited.</summary>
    public int MaxConnectionsPerHost { get; }

    /// <summary>Requests that had to wait for a free slot under <see cref="MaxConnectionsPerHost"/>.</summary>
    public long QueuedRequests => Interlocked.Read(ref _queued);

    internal SemaphoreSlim? GateFor(Uri uri) =>
        _gates?.GetOrAdd((uri.Scheme, uri.IdnHost, uri.Port), static (_, max) => new SemaphoreSlim(max, max), MaxConnectionsPerHost);

    internal void CountQueued() => Interlocked.Increment(ref _queued);

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Bytes written to sockets so far (k6 data_sent).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Bytes read from sockets so far (k6 data_received).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    internal void AddSent(int count) => Interlocked.Add(ref _bytesSent, count);

    internal void AddReceived(int count) => Interlocked.Add(ref _bytesReceived, count);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // The request that caused this connection carries the timing (k6 attributes connect time the same way).
        var timing = (context.InitialRequestMessage as TimedRequestMessage)?.Timing;
        var endpoint = context.DnsEndPoint;
        IPAddress[] addresses;
        if (IPAddress.TryParse(endpoint.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        }
        var connectStart = Stopwatch.GetTimestamp();
        timing?.MarkConnectStart(connectStart);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        timing?.MarkConnectEnd(Stopwatch.GetTimestamp());
        return new CountingStream(new NetworkStream(socket, ownsSocket: true), this);
    }

    /// <summary>Called once per new connection after TLS (or straight after connect for http://): ends the handshake timing.</summary>
    private static ValueTask<Stream> AfterHandshake(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
    {
        if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps
            && context.InitialRequestMessage is TimedRequestMessage { Timing: var timing })
        {
            timing.MarkTlsEnd(Stopwatch.GetTimestamp());
        }
        return ValueTask.FromResult(context.PlaintextStream);
    }

    public void Dispose() => Invoker.Dispose();
}

/// <summary>
/// A request that carries its timing, so the connection callbacks find it on <c>InitialRequestMessage</c> without
/// the options dictionary HttpRequestMessage.Options would allocate per request.
/// </summary>
internal sealed class TimedRequestMessage(HttpMethod method, Uri uri, RequestTiming timing) : HttpRequestMessage(method, uri)
{
    public RequestTiming Timing { get; } = timing;
}

/// <summary>Timestamps of one request, filled by the connect callback and the request body (Stopwatch ticks).</summary>
internal sealed class RequestTiming
{
    public long ConnectStart;
    public long ConnectEnd;
    public long TlsEnd;
    public long SendStart;
    public long SendEnd;

    public void MarkConnectStart(long timestamp) => ConnectStart = timestamp;

    public void MarkConnectEnd(long timestamp) => ConnectEnd = timestamp;

    public void MarkTlsEnd(long timestamp) => TlsEnd = timestamp;
}
