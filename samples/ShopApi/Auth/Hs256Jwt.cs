using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShopApi.Auth;

/// <summary>Issues and validates compact HS256 JWTs (RFC 7519 / RFC 7515) with sub, iss, iat and exp claims.</summary>
public sealed class Hs256Jwt
{
    public const string Issuer = "shop-api";

    // The header never changes, so it is encoded once.
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] key;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;

    public Hs256Jwt(byte[] key, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, ShopApiOptions.MinimumJwtSecretLength);
        this.key = key;
        this.lifetime = lifetime;
        this.time = time ?? TimeProvider.System;
    }

    public TimeSpan Lifetime => lifetime;

    public string Issue(string subject)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["iss"] = Issuer,
            ["iat"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        });
        var signingInput = EncodedHeader + "." + Base64Url.EncodeToString(payload);
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    /// <summary>Checks form, algorithm, signature (constant time), issuer and expiry; gives the subject or the reason it failed.</summary>
    public bool TryValidate(string token, [NotNullWhen(true)] out string? subject, [NotNullWhen(false)] out string? failure)
    {
        subject = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var header) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        {
            failure = "token is not a compact JWT";
            return false;
        }

        try
        {
            using var headerJson = JsonDocument.Parse(header);
            // Only HS256 is accepted: this rejects "none" and algorithm-confusion tokens before any signature check.
            if (!headerJson.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                failure = "token algorithm must be HS256";
                return false;
            }

            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1])))
            {
                failure = "token signature is invalid";
                return false;
            }

            using var payloadJson = JsonDocument.Parse(payload);
            var claims = payloadJson.RootElement;
            if (claims.ValueKind != JsonValueKind.Object
                || !claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expiresAt)
                || !claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(sub.GetString()))
            {
                failure = "token lacks the exp or sub claim";
                return false;
            }

            if (!claims.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer)
            {
                failure = $"token issuer must be {Issuer}";
                return false;
            }

            if (time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
            {
                failure = "token has expired";
                return false;
            }

            subject = sub.GetString()!;
            failure = null;
            return true;
        }
        catch (JsonException)
        {
            failure = "token header or payload is not JSON";
            return false;
        }
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return part.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
