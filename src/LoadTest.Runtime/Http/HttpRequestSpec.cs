namespace LoadTest.Runtime.Http;

/// <summary>One HTTP request of an iteration (k6 <c>http.request(method, url, body, params)</c>).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">Absolute, or relative to the run's base URL (joined as text, so a base path is kept).</param>
public sealed record HttpRequestSpec(HttpMethod Method, string Url)
{
    /// <summary>k6 <c>tags.name</c>: groups URLs such as /orders/1 and /orders/2 into one series. Default: the URL.</summary>
    public string? Name { get; init; }

    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>, e.g. <c>application/json</c>; default <c>text/plain; charset=utf-8</c>.</summary>
    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Extra tags on every sample of this request (k6 <c>params.tags</c>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Request timeout; default (and when not positive) 60 s like k6. A timeout becomes error code 1050.</summary>
    public TimeSpan? Timeout { get; init; }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
}
