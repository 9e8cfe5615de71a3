using System.IO.Compression;
using System.Net.Sockets;
using System.Security.Authentication;

namespace LoadTest.Runtime.Http;

/// <summary>
/// Maps .NET transport exceptions to k6 error codes and texts (k6 lib/netext/httpext/error_codes.go):
/// 1000 generic, 1020 invalid URL, 1050 request timeout, 1101 no such host, 1201 broken pipe, 1210 dial error,
/// 1211 dial timeout, 1212 connection refused, 1220 connection reset by peer, 1300 TLS, 1630 HTTP/2 stream error,
/// 1701 decompression error.
/// </summary>
public static class HttpErrorClassifier
{
    public const int Generic = 1000;
    public const int InvalidUrl = 1020;
    public const int RequestTimeout = 1050;
    public const int NoSuchHost = 1101;
    public const int BrokenPipe = 1201;
    public const int DialError = 1210;
    public const int DialTimeout = 1211;
    public const int ConnectionRefused = 1212;
    public const int ConnectionReset = 1220;
    public const int TlsError = 1300;
    public const int Http2StreamError = 1630;
    public const int DecompressionError = 1701;

    public static (int Code, string Message) Classify(Exception exception)
    {
        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => (ConnectionRefused, "dial: connection refused"),
                SocketError.ConnectionReset or SocketError.ConnectionAborted => (ConnectionReset, "read: connection reset by peer"),
                SocketError.TimedOut => (DialTimeout, "dial: i/o timeout"),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (NoSuchHost, "lookup: no such host"),
                SocketError.Shutdown => (BrokenPipe, "write: broken pipe"),
                SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable
                    => (DialError, $"dial: {socket.Message}"),
                _ => (1200, $"tcp: {socket.Message}"),
            };
        }
        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return (TlsError, $"tls: {tls.Message}");
        }
        if (Find<InvalidDataException>(exception) is not null)
        {
            return (DecompressionError, "error decompressing response body");
        }
        if (Find<HttpRequestException>(exception) is { } http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => (NoSuchHost, "lookup: no such host"),
                HttpRequestError.ConnectionError => (DialError, $"dial: {http.Message}"),
                HttpRequestError.SecureConnectionError => (TlsError, "tls: handshake failure"),
                HttpRequestError.InvalidResponse => (Generic, "malformed HTTP response"),
                HttpRequestError.ResponseEnded => (Generic, "unexpected EOF"),
                HttpRequestError.HttpProtocolError => (Http2StreamError, $"http2: stream error: {http.Message}"),
                _ => (Generic, http.Message),
            };
        }
        if (Find<IOException>(exception) is { } io)
        {
            return (Generic, io.Message.Contains("prematurely", StringComparison.OrdinalIgnoreCase) ? "unexpected EOF" : io.Message);
        }
        return (Generic, exception.Message);
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match) return match;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } found) return found;
                }
            }
        }
        return null;
    }
}
