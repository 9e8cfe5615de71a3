using System.Globalization;
using System.Text;

namespace ShopApi;

/// <summary>
/// Settings of the sample shop. Every value has an environment variable (read by <see cref="FromEnvironment"/>)
/// so the same knobs work for `dotnet run`, containers and the in-process <see cref="ShopApiHost"/>.
/// </summary>
public sealed record ShopApiOptions
{
    public const string DbPoolSizeVariable = "SHOP_DB_POOL_SIZE";
    public const string DbQueryMsVariable = "SHOP_DB_QUERY_MS";
    public const string DbPoolTimeoutMsVariable = "SHOP_DB_POOL_TIMEOUT_MS";
    public const string SlowOperationVariable = "SHOP_SLOW_OPERATION";
    public const string SlowExtraMsVariable = "SHOP_SLOW_EXTRA_MS";
    public const string UsersVariable = "SHOP_USERS";
    public const string JwtSecretVariable = "SHOP_JWT_SECRET";
    public const string TokenLifetimeSecondsVariable = "SHOP_TOKEN_LIFETIME_SECONDS";

    /// <summary>The shortest HS256 key accepted: 256 bits, as RFC 7518 §3.2 asks.</summary>
    public const int MinimumJwtSecretLength = 32;

    /// <summary>Operations that run database queries, i.e. the ones a slowdown can be injected into.</summary>
    public static IReadOnlyList<string> DatabaseOperations { get; } =
        [ShopOperations.ProductsList, ShopOperations.CartAdd, ShopOperations.OrdersCreate, ShopOperations.OrdersGet];

    /// <summary>
    /// Demo accounts used when SHOP_USERS is unset. They are published in docs/sample.md on purpose:
    /// they protect nothing but a local sample.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DemoUsers { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["alice"] = "alice-demo-password",
        ["bob"] = "bob-demo-password",
        ["loadtest"] = "loadtest-demo-password",
    };

    /// <summary>Connections in the simulated database pool (SHOP_DB_POOL_SIZE, default 20).</summary>
    public int DbPoolSize { get; init; } = 20;

    /// <summary>How long one query holds its connection (SHOP_DB_QUERY_MS, default 50 ms).</summary>
    public TimeSpan DbQueryTime { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait for a free connection before answering 503 (SHOP_DB_POOL_TIMEOUT_MS, default 2000 ms).</summary>
    public TimeSpan DbPoolTimeout { get; init; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>Operation id (e.g. orders_create) whose queries get <see cref="SlowExtra"/> added (SHOP_SLOW_OPERATION); null = none.</summary>
    public string? SlowOperation { get; init; }

    /// <summary>Extra service time per query of <see cref="SlowOperation"/> (SHOP_SLOW_EXTRA_MS, default 40 ms).</summary>
    public TimeSpan SlowExtra { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Accepted accounts, user name to password (SHOP_USERS="alice:secret1,bob:secret2"; default <see cref="DemoUsers"/>).</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = DemoUsers;

    /// <summary>HS256 signing key (SHOP_JWT_SECRET, at least 32 characters); null = a random key per process.</summary>
    public string? JwtSecret { get; init; }

    /// <summary>Lifetime of issued tokens (SHOP_TOKEN_LIFETIME_SECONDS, default 3600 s).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reads the SHOP_* variables; unset ones keep their defaults. Throws <see cref="ShopApiConfigurationException"/> on bad values.</summary>
    public static ShopApiOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var defaults = new ShopApiOptions();
        var options = defaults with
        {
            DbPoolSize = ReadInt(getVariable, DbPoolSizeVariable) ?? defaults.DbPoolSize,
            DbQueryTime = ReadMilliseconds(getVariable, DbQueryMsVariable) ?? defaults.DbQueryTime,
            DbPoolTimeout = ReadMilliseconds(getVariable, DbPoolTimeoutMsVariable) ?? defaults.DbPoolTimeout,
            SlowOperation = NullIfBlank(getVariable(SlowOperationVariable))?.Trim(),
            SlowExtra = ReadMilliseconds(getVariable, SlowExtraMsVariable) ?? defaults.SlowExtra,
            Users = NullIfBlank(getVariable(UsersVariable)) is { } users ? ParseUsers(users) : defaults.Users,
            JwtSecret = NullIfBlank(getVariable(JwtSecretVariable)),
            TokenLifetime = ReadInt(getVariable, TokenLifetimeSecondsVariable) is { } seconds
                ? TimeSpan.FromSeconds(seconds) : defaults.TokenLifetime,
        };
        options.Validate();
        return options;
    }

    /// <summary>Parses "alice:secret1,bob:secret2". A password may contain ':' but not ','.</summary>
    public static IReadOnlyDictionary<string, string> ParseUsers(string text)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':');
            // The message names the user only: the password must not reach a log.
            if (colon <= 0 || colon == entry.Length - 1)
            {
                var who = colon > 0 ? $"'{entry[..colon]}'" : "an entry";
                throw new ShopApiConfigurationException(
                    $"{UsersVariable}: {who} is not in the form name:password. Use e.g. {UsersVariable}=\"alice:secret1,bob:secret2\".");
            }

            var name = entry[..colon].Trim();
            if (!users.TryAdd(name, entry[(colon + 1)..]))
            {
                throw new ShopApiConfigurationException($"{UsersVariable}: user '{name}' is listed twice. List each user once.");
            }
        }

        if (users.Count == 0)
        {
            throw new ShopApiConfigurationException($"{UsersVariable} lists no users. Unset it to use the demo users, or list name:password pairs.");
        }

        return users;
    }

    /// <summary>Throws <see cref="ShopApiConfigurationException"/> naming the setting and the fix when a value cannot work.</summary>
    public void Validate()
    {
        Require(DbPoolSize is >= 1 and <= 10_000, $"{DbPoolSizeVariable} must be between 1 and 10000 connections (got {DbPoolSize}).");
        Require(DbQueryTime >= TimeSpan.Zero && DbQueryTime <= TimeSpan.FromMinutes(1),
            $"{DbQueryMsVariable} must be between 0 and 60000 ms (got {DbQueryTime.TotalMilliseconds} ms).");
        Require(DbPoolTimeout >= TimeSpan.Zero && DbPoolTimeout <= TimeSpan.FromMinutes(5),
            $"{DbPoolTimeoutMsVariable} must be between 0 and 300000 ms (got {DbPoolTimeout.TotalMilliseconds} ms).");
        Require(SlowExtra >= TimeSpan.Zero && SlowExtra <= TimeSpan.FromMinutes(1),
            $"{SlowExtraMsVariable} must be between 0 and 60000 ms (got {SlowExtra.TotalMilliseconds} ms).");
        Require(SlowOperation is null || DatabaseOperations.Contains(SlowOperation),
            $"{SlowOperationVariable}='{SlowOperation}' is not an operation that queries the database. Use one of: {string.Join(", ", DatabaseOperations)}.");
        Require(Users.Count > 0, $"{UsersVariable} must list at least one user.");
        Require(Users.All(u => u.Key.Length > 0 && u.Value.Length > 0), $"{UsersVariable}: every user needs a non-empty name and password.");
        Require(JwtSecret is null || JwtSecret.Length >= MinimumJwtSecretLength,
            $"{JwtSecretVariable} must be at least {MinimumJwtSecretLength} characters (HS256 needs a 256-bit key). Unset it to use a random key per process.");
        Require(TokenLifetime > TimeSpan.Zero && TokenLifetime <= TimeSpan.FromDays(1),
            $"{TokenLifetimeSecondsVariable} must be between 1 and 86400 seconds (got {TokenLifetime.TotalSeconds}).");
    }

    /// <summary>Extra service time each query of <paramref name="operation"/> takes (zero unless it is the slowed operation).</summary>
    public TimeSpan ExtraQueryTimeFor(string operation) =>
        string.Equals(operation, SlowOperation, StringComparison.Ordinal) ? SlowExtra : TimeSpan.Zero;

    // Records print every property; passwords and the signing key must never reach a log, so they are left out.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"DbPoolSize = {DbPoolSize}, DbQueryTime = {DbQueryTime}, DbPoolTimeout = {DbPoolTimeout}, ");
        builder.Append(CultureInfo.InvariantCulture,
            $"SlowOperation = {SlowOperation ?? "(none)"}, SlowExtra = {SlowExtra}, Users = [{string.Join(", ", Users.Keys)}], ");
        builder.Append(CultureInfo.InvariantCulture,
            $"JwtSecret = {(JwtSecret is null ? "(random)" : "(set)")}, TokenLifetime = {TokenLifetime}");
        return true;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ShopApiConfigurationException(message);
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int? ReadInt(Func<string, string?> getVariable, string name)
    {
        var text = NullIfBlank(getVariable(name));
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ShopApiConfigurationException($"{name}='{text}' is not a whole number. Set it to an integer, e.g. {name}=20.");
    }

    private static TimeSpan? ReadMilliseconds(Func<string, string?> getVariable, string name) =>
        ReadInt(getVariable, name) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}

/// <summary>A setting of the sample shop has a value it cannot run with; the message says which and how to fix it.</summary>
public sealed class ShopApiConfigurationException(string message) : Exception(message);
