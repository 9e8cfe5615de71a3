using System.Security.Cryptography;
using System.Text;

namespace ShopApi.Auth;

/// <summary>The accounts allowed to log in (from SHOP_USERS or the demo set).</summary>
public sealed class UserDirectory(IReadOnlyDictionary<string, string> users)
{
    public bool Verify(string username, string password)
    {
        var known = users.TryGetValue(username, out var expected);
        // Comparing hashes keeps the comparison time independent of where (or whether) the passwords differ.
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? string.Empty)),
            SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        return known && matches;
    }
}
