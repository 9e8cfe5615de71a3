using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace LoadTest.Runtime.Http;

/// <summary>A request body that timestamps when it starts and finishes going onto the connection (http_req_sending).</summary>
internal sealed class TimedContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly RequestTiming _timing;

    public TimedContent(byte[] bytes, string contentType, RequestTiming timing)
    {
        _bytes = bytes;
        _timing = timing;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _timing.SendStart = Stopwatch.GetTimestamp();
        await stream.WriteAsync(_bytes, cancellationToken).ConfigureAwait(false);
        _timing.SendEnd = Stopwatch.GetTimestamp();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
