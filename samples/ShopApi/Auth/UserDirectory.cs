using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ShopApi.Auth;

/// <summary>
/// The accounts allowed to log in: the configured ones (SHOP_USERS or the demo set) and those signed up since the
/// process started (kept in memory, at most <see cref="MaxSignedUpUsers"/>, so a long load test cannot grow it without bound).
/// </summary>
public sealed class UserDirectory(IReadOnlyDictionary<string, string> users)
{
    public const int MaxSignedUpUsers = 100_000;

    private readonly ConcurrentDictionary<string, byte[]> signedUp = new(StringComparer.Ordinal);

    public bool Verify(string username, string password)
    {
        // Comparing hashes keeps the comparison time independent of where (or whether) the passwords differ.
        var known = users.TryGetValue(username, out var configured);
        var expected = known ? Hash(configured!) : signedUp.TryGetValue(username, out var hash) ? hash : Hash(string.Empty);
        return (known || signedUp.ContainsKey(username)) && CryptographicOperations.FixedTimeEquals(expected, Hash(password));
    }

    public SignUpResult SignUp(string username, string password)
    {
        if (users.ContainsKey(username))
        {
            return SignUpResult.Taken;
        }

        if (signedUp.Count >= MaxSignedUpUsers)
        {
            return SignUpResult.Full;
        }

        return signedUp.TryAdd(username, Hash(password)) ? SignUpResult.Created : SignUpResult.Taken;
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}

public enum SignUpResult { Created, Taken, Full }
