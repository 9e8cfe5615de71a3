using System.IO.Compression;
using System.Net.Sockets;
using System.Security.Authentication;

namespace LoadTest.Runtime.Http;

/// <summary>
/// Maps .NET transport exceptions to k6 error codes and texts (k6 v0.48 lib/netext/httpext/error_codes.go):
/// 1000 generic, 1020 invalid URL, 1050 request timeout, 1100 DNS error, 1101 no such host, 1200 TCP error,
/// 1201 broken pipe, 1210 dial error, 1211 dial timeout, 1212 connection refused, 1220 connection reset by peer,
/// 1300 TLS, 1310 unknown certificate authority, 1311 certificate name mismatch, 1630 HTTP/2 stream error,
/// 1701 decompression error; a response with status 400 or more gets 1000 + status (k6 tags every such status).
/// </summary>
public static class HttpErrorClassifier
{
    public const int Generic = 1000;
    public const int InvalidUrl = 1020;
    public const int RequestTimeout = 1050;
    public const int DnsError = 1100;
    public const int NoSuchHost = 1101;
    public const int TcpError = 1200;
    public const int BrokenPipe = 1201;
    public const int DialError = 1210;
    public const int DialTimeout = 1211;
    public const int ConnectionRefused = 1212;
    public const int ConnectionReset = 1220;
    public const int TlsError = 1300;
    public const int UnknownAuthority = 1310;
    public const int HostnameMismatch = 1311;
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
                SocketError.HostNotFound or SocketError.NoData => (NoSuchHost, "lookup: no such host"),
                SocketError.TryAgain or SocketError.NoRecovery => (DnsError, $"lookup: {socket.Message}"),
                SocketError.Shutdown => (BrokenPipe, "write: broken pipe"),
                SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable
                    => (DialError, $"dial: {socket.Message}"),
                _ => (TcpError, $"tcp: {socket.Message}"),
            };
        }
        if (Find<AuthenticationException>(exception) is { } tls)
        {
            // Go's x509 errors, which k6 reports apart; .NET names the SslPolicyErrors in the message.
            if (tls.Message.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal)) return (HostnameMismatch, "x509: certificate doesn't match hostname");
            if (tls.Message.Contains("UntrustedRoot", StringComparison.Ordinal) || tls.Message.Contains("PartialChain", StringComparison.Ordinal))
            {
                return (UnknownAuthority, "x509: unknown authority");
            }
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

    /// <summary>The k6 error code for a response status (status 400 or more), else 0.</summary>
    public static int ForStatus(int status) => status >= 400 ? 1000 + status : 0;

    /// <summary>A few words on what an error code means, for logs and reports.</summary>
    public static string Describe(int code) => code switch
    {
        Generic => "generic error",
        1010 => "non-TCP network error",
        InvalidUrl => "invalid URL",
        RequestTimeout => "request timeout",
        DnsError => "DNS error",
        NoSuchHost => "no such host",
        TcpError => "TCP error",
        BrokenPipe => "broken pipe",
        DialError => "dial error",
        DialTimeout => "dial timeout",
        ConnectionRefused => "connection refused",
        ConnectionReset => "connection reset by peer",
        TlsError => "TLS error",
        UnknownAuthority => "x509 unknown authority",
        HostnameMismatch => "x509 hostname mismatch",
        DecompressionError => "decompression error",
        >= 1100 and < 1200 => "DNS error",
        >= 1200 and < 1300 => "TCP error",
        >= 1300 and < 1400 => "TLS error",
        >= 1400 and < 1600 => $"HTTP {code - 1000}",
        >= 1600 and < 1700 => "HTTP/2 error",
        _ => "error",
    };

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
