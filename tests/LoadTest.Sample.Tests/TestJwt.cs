using System.Security.Cryptography;
using System.Text;

namespace LoadTest.Sample.Tests;

/// <summary>Builds HS256 JWTs by hand (RFC 7515 compact form), independently of the shop's own issuer.</summary>
public static class TestJwt
{
    public static string Create(string secret, string claimsJson, string headerJson = """{"alg":"HS256","typ":"JWT"}""")
    {
        var signingInput = Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Encode(Encoding.UTF8.GetBytes(claimsJson));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    public static string Claims(string subject, DateTimeOffset expires, string issuer = "shop-api") =>
        $$"""{"sub":"{{subject}}","iss":"{{issuer}}","iat":{{expires.AddHours(-1).ToUnixTimeSeconds()}},"exp":{{expires.ToUnixTimeSeconds()}}}""";

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
