using System.Text;
using LoadTest.Runtime.Http;

namespace LoadTest.Runtime.Tests;

/// <summary>Bodies are kept as bytes and decoded on demand, as HttpContent.ReadAsStringAsync would decode them.</summary>
public class ResponseBodyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("utf-8")]
    [InlineData("\"UTF-8\"")]
    [InlineData("no-such-charset")]
    public void Utf8_text_and_json_come_from_the_bytes(string? charset)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"name\":\"Zoë\",\"n\":3}")).ToArray();

        var result = Result(new ResponseBody(bytes, charset));

        Assert.Equal("{\"name\":\"Zoë\",\"n\":3}", result.Body);
        Assert.Equal("Zoë", result.JsonValue("name"));
        Assert.Equal("3", result.JsonValue("n"));
        Assert.Equal(bytes.Length, result.BodyLength);
    }

    [Fact]
    public void A_declared_charset_is_honoured()
    {
        var latin1 = Encoding.Latin1.GetBytes("café {\"a\":1}");

        var result = Result(new ResponseBody(latin1, "iso-8859-1"));

        Assert.Equal("café {\"a\":1}", result.Body);
        Assert.Null(result.Json()); // not JSON: parsed from the decoded text, and rejected
    }

    [Fact]
    public void Json_parsed_from_bytes_matches_json_parsed_after_reading_the_text()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"items\":[{\"id\":\"a1\"},{\"id\":\"b2\"}]}");
        var fromBytes = Result(new ResponseBody(bytes, null));
        var fromText = Result(new ResponseBody(bytes, null));
        _ = fromText.Body;

        Assert.Equal(fromText.JsonValue("items[1].id"), fromBytes.JsonValue("items[1].id"));
        Assert.Equal("b2", fromBytes.JsonValue("items[1].id"));
    }

    [Fact]
    public void An_empty_body_is_empty_text_and_no_json()
    {
        var result = Result(ResponseBody.Empty);

        Assert.Equal("", result.Body);
        Assert.Null(result.Json());
        Assert.Equal(0, result.BodyLength);
    }

    private static HttpResult Result(ResponseBody body) => new("http://127.0.0.1/x", 200, body, null, 0, default, null);
}
