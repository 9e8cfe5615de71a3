using System.Text;
using System.Text.Json;

namespace LoadTest.Runtime.Payloads;

/// <summary>
/// A bearer token a virtual user holds between iterations: it is used until shortly before the JWT's <c>exp</c>,
/// then the login step runs again. Mirrors <c>tokenValid()</c> in the k6 helper module. The token itself is never logged.
/// </summary>
public static class BearerToken
{
    /// <summary>Refresh this long before <c>exp</c>, so a request never leaves with a token about to expire.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private const string TokenKey = "loadtest.auth.token";
    private const string ExpiresKey = "loadtest.auth.exp";

    /// <summary>The <c>exp</c> claim of a JWT as Unix seconds, or null when the token is opaque or has none.</summary>
    public static long? ExpiresAt(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? seconds : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The token held in <paramref name="state"/> if it is still valid at <paramref name="now"/>; null means log in again.</summary>
    public static string? Current(IDictionary<string, object?> state, DateTimeOffset now)
    {
        if (!state.TryGetValue(TokenKey, out var token) || token is not string text || text.Length == 0)
        {
            return null;
        }

        var exp = state.TryGetValue(ExpiresKey, out var e) ? e as long? : null;
        return exp is null || now.ToUnixTimeSeconds() < exp.Value - (long)RefreshMargin.TotalSeconds ? text : null;
    }

    /// <summary>Keeps <paramref name="token"/> with its expiry; an empty or missing token clears the state.</summary>
    public static void Store(IDictionary<string, object?> state, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            state.Remove(TokenKey);
            state.Remove(ExpiresKey);
            return;
        }

        state[TokenKey] = token;
        state[ExpiresKey] = ExpiresAt(token);
    }
}
