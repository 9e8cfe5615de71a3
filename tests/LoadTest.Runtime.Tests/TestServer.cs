using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadTest.Runtime.Tests;

/// <summary>How the test server answers.</summary>
public enum ServerBehaviour
{
    Ok,
    ResetMidResponse,
    NeverAnswer,
    Garbage,
    SlowBody,
    Status500,
    RedirectFromStart,
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 over a raw TcpListener, able to misbehave on purpose. Bounded: it stops
/// with the test (Dispose), and every connection loop ends when the client or the server goes away.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly ServerBehaviour _behaviour;
    private readonly TimeSpan _delay;
    private long _requests;
    private long _connections;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _heads = new();

    public TestServer(ServerBehaviour behaviour = ServerBehaviour.Ok, TimeSpan? delay = null)
    {
        _behaviour = behaviour;
        _delay = delay ?? TimeSpan.Zero;
        _listener.Start(1024);
        _accept = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>TCP connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Request lines and headers received (the first 1000).</summary>
    public IReadOnlyList<string> RequestHeads => _heads.ToArray();

    /// <summary>A URL on which nothing listens (connection refused).</summary>
    public static Uri ClosedPortUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var request = await ReadRequestAsync(stream, token);
                if (request is null) return;
                if (Interlocked.Increment(ref _requests) <= 1000) _heads.Enqueue(request);
                if (_delay > TimeSpan.Zero) await Task.Delay(_delay, token);
                switch (_behaviour)
                {
                    case ServerBehaviour.Ok:
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: session=abc; Path=/\r\nContent-Length: 11\r\n\r\n{\"id\":\"42\"}", token);
                        break;
                    case ServerBehaviour.RedirectFromStart when request.Split(' ')[1] == "/start":
                        await WriteAsync(stream, "HTTP/1.1 302 Found\r\nLocation: /items\r\nSet-Cookie: step=1; Path=/\r\nContent-Length: 0\r\n\r\n", token);
                        break;
                    case ServerBehaviour.RedirectFromStart:
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", token);
                        break;
                    case ServerBehaviour.Status500:
                        await WriteAsync(stream, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom", token);
                        break;
                    case ServerBehaviour.ResetMidResponse:
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial", token);
                        client.Client.LingerState = new LingerOption(true, 0); // close with RST
                        client.Client.Close();
                        return;
                    case ServerBehaviour.NeverAnswer:
                        await Task.Delay(Timeout.Infinite, token);
                        return;
                    case ServerBehaviour.Garbage:
                        await WriteAsync(stream, "THIS IS NOT HTTP\r\n\r\n", token);
                        return;
                    case ServerBehaviour.SlowBody:
                        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", token);
                        for (var i = 0; i < 100; i++)
                        {
                            await Task.Delay(200, token);
                            await WriteAsync(stream, "x", token);
                        }
                        break;
                }
            }
        }
        catch (Exception)
        {
            // The client went away or the server is stopping.
        }
    }

    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, token);
            if (read == 0) return null;
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r') break;
            if (buffer.Count > 64 * 1024) return null;
        }
        var head = Encoding.ASCII.GetString(buffer.ToArray());
        var length = head.Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim()))
            .FirstOrDefault();
        var body = new byte[length];
        var offset = 0;
        while (offset < length)
        {
            var read = await stream.ReadAsync(body.AsMemory(offset), token);
            if (read == 0) return null;
            offset += read;
        }
        return head;
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accept.WaitAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        _stop.Dispose();
    }
}
