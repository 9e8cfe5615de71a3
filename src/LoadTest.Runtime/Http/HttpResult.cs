using System.Globalization;
using System.Text.Json;

namespace LoadTest.Runtime.Http;

/// <summary>The response of one request (k6 <c>http.Response</c>). Failed requests have <see cref="Status"/> 0 and an error.</summary>
public sealed class HttpResult
{
    private readonly ResponseHeaders? _headers;
    private readonly ResponseBody _body;
    private string? _text;
    private JsonElement? _json;
    private bool _jsonParsed;

    internal HttpResult(
        string url,
        int status,
        ResponseBody body,
        string? error,
        int errorCode,
        HttpTimings timings,
        ResponseHeaders? headers)
    {
        Url = url;
        Status = status;
        _body = body;
        Error = error;
        ErrorCode = errorCode;
        Timings = timings;
        _headers = headers;
    }

    /// <summary>The final URL (after redirects).</summary>
    public string Url { get; }

    /// <summary>HTTP status; 0 when the request failed before a complete response (k6 too).</summary>
    public int Status { get; }

    /// <summary>Response text ("" when none), decoded with the Content-Type charset (UTF-8 by default) on first use.</summary>
    public string Body => _text ??= _body.Decode();

    /// <summary>Response size in bytes as received (after decompression).</summary>
    public int BodyLength => _body.Length;

    /// <summary>k6-style error text, e.g. "dial: connection refused"; null when none.</summary>
    public string? Error { get; }

    /// <summary>k6 error_code (https://grafana.com/docs/k6/latest/javascript-api/error-codes/); 0 = none.</summary>
    public int ErrorCode { get; }

    public HttpTimings Timings { get; }

    /// <summary>http_req_duration of this request in milliseconds.</summary>
    public double DurationMs => Timings.Duration;

    /// <summary>A response header (case-insensitive; several values joined with ", "), or null.</summary>
    public string? Header(string name) => _headers?.Get(name);

    /// <summary>The body parsed as JSON, or null when it is not JSON.</summary>
    public JsonElement? Json()
    {
        if (_jsonParsed) return _json;
        _jsonParsed = true;
        if (_body.Length == 0) return null;
        try
        {
            // UTF-8 JSON is parsed from the bytes, without making the text first.
            using var document = _text is null && _body.IsUtf8 ? JsonDocument.Parse(_body.Utf8WithoutBom) : JsonDocument.Parse(Body);
            _json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            _json = null;
        }
        return _json;
    }

    /// <summary>
    /// A value by dotted path, e.g. <c>data.id</c> or <c>items[0].id</c>; strings as is, numbers and booleans as JSON
    /// text, objects and arrays as raw JSON; null when absent or JSON null.
    /// </summary>
    public string? JsonValue(string path)
    {
        if (Json() is not { } current) return null;
        foreach (var segment in JsonPath.Split(path))
        {
            if (segment.Index is { } index)
            {
                if (current.ValueKind != JsonValueKind.Array || index < 0 || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment.Name!, out current)) return null;
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    private static class JsonPath
    {
        public static IEnumerable<(string? Name, int? Index)> Split(string path)
        {
            foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                var bracket = part.IndexOf('[');
                var name = bracket < 0 ? part : part[..bracket];
                if (name.Length > 0) yield return (name, null);
                while (bracket >= 0)
                {
                    var close = part.IndexOf(']', bracket);
                    if (close < 0) yield break;
                    if (int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                    {
                        yield return (null, index);
                    }
                    bracket = part.IndexOf('[', close);
                }
            }
        }
    }
}
