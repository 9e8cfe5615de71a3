using System.Net.Http.Headers;

namespace LoadTest.Runtime.Http;

/// <summary>
/// A response's headers, read on demand (copying every header of every response into a dictionary cost more
/// than most scenarios ever read).
/// </summary>
internal sealed class ResponseHeaders(HttpResponseHeaders response, HttpContentHeaders content)
{
    /// <summary>A header by case-insensitive name; several values joined with ", "; null when absent.</summary>
    public string? Get(string name)
    {
        try
        {
            if (response.TryGetValues(name, out var values) || content.TryGetValues(name, out values))
            {
                return string.Join(", ", values);
            }
        }
        catch (InvalidOperationException)
        {
            // A request-only header name (e.g. "Accept") asked of a response.
        }
        return null;
    }
}
