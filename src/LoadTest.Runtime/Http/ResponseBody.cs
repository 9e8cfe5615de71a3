using System.Text;

namespace LoadTest.Runtime.Http;

/// <summary>
/// A response body as received, decoded to text only on demand: a 10 KB JSON body would otherwise cost 20 KB of
/// string per request, for iterations that usually look at the status alone.
/// </summary>
internal readonly struct ResponseBody(byte[] bytes, string? charset)
{
    public static ResponseBody Empty => new([], null);

    public int Length => bytes?.Length ?? 0;

    /// <summary>True when the charset is UTF-8 or unspecified (JSON's default).</summary>
    public bool IsUtf8 => charset is null || Encoding(charset) is UTF8Encoding;

    public ReadOnlyMemory<byte> Utf8WithoutBom =>
        bytes.AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble) ? bytes.AsMemory(System.Text.Encoding.UTF8.Preamble.Length) : bytes.AsMemory();

    /// <summary>The text, as HttpContent.ReadAsStringAsync would give it: the charset's encoding, a leading BOM dropped.</summary>
    public string Decode()
    {
        if (Length == 0) return "";
        var encoding = charset is null ? System.Text.Encoding.UTF8 : Encoding(charset);
        var preamble = encoding.Preamble;
        var span = bytes.AsSpan();
        if (preamble.Length > 0 && span.StartsWith(preamble)) span = span[preamble.Length..];
        return encoding.GetString(span);
    }

    private static Encoding Encoding(string charset)
    {
        try
        {
            // Servers sometimes quote it: charset="utf-8".
            return System.Text.Encoding.GetEncoding(charset.Trim('"', '\'', ' '));
        }
        catch (ArgumentException)
        {
            return System.Text.Encoding.UTF8;
        }
    }
}
