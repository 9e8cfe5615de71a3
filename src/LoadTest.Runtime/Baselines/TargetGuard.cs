using System.Net;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Hosts a heavy profile may load. Loopback is always allowed; <c>LOADTEST_ALLOWED_HOSTS</c> adds hosts for every heavy
/// profile and <c>LOADTEST_ALLOWED_HOSTS_&lt;PROFILE&gt;</c> (e.g. <c>LOADTEST_ALLOWED_HOSTS_SOAK</c>) for one. Entries are
/// host names (case-insensitive), IP addresses, or <c>*.example.com</c> for any subdomain.
/// </summary>
public sealed record TargetAllowList(IReadOnlyList<string> Hosts, IReadOnlyDictionary<string, IReadOnlyList<string>> PerProfile)
{
    public const string Variable = "LOADTEST_ALLOWED_HOSTS";

    public static TargetAllowList LoopbackOnly { get; } = new([], new Dictionary<string, IReadOnlyList<string>>());

    public static TargetAllowList FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var perProfile = TargetGuard.HeavyProfiles.ToDictionary(
            p => p,
            p => Split(environment($"{Variable}_{p.ToUpperInvariant()}")),
            StringComparer.OrdinalIgnoreCase);
        return new TargetAllowList(Split(environment(Variable)), perProfile);
    }

    public IEnumerable<string> For(string profile) =>
        Hosts.Concat(PerProfile.TryGetValue(profile, out var hosts) ? hosts : []);

    private static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The guard's verdict: <see cref="Reason"/> says why; <see cref="Message"/> adds the LT4070 code when refused.</summary>
public sealed record TargetGuardResult(bool Allowed, string Reason)
{
    public string Message => Allowed ? Reason : $"{BaselineCodes.TargetNotAllowed}: {Reason}";
}

/// <summary>
/// Refuses to point a heavy profile (stress, soak, spike, breakpoint) at a host nobody allowed, so a mistyped
/// BASE_URL cannot send an hour of load or a breaking-point ramp to production or someone else's service.
/// </summary>
public static class TargetGuard
{
    public static IReadOnlyList<string> HeavyProfiles { get; } = ["stress", "soak", "spike", "breakpoint"];

    public static bool IsHeavy(string profileName) =>
        HeavyProfiles.Contains(profileName.Trim(), StringComparer.OrdinalIgnoreCase);

    public static TargetGuardResult Check(string profileName, Uri target, TargetAllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(allowList);
        var profile = profileName.Trim().ToLowerInvariant();
        var host = target.IsAbsoluteUri ? target.IdnHost.Trim('[', ']') : "";
        if (!IsHeavy(profile)) return new TargetGuardResult(true, $"profile '{profile}' is not a heavy profile; any target is allowed.");
        if (IsLoopback(host)) return new TargetGuardResult(true, $"profile '{profile}' targets loopback host {host}.");
        var entry = allowList.For(profile).FirstOrDefault(e => Matches(e, host));
        if (entry is not null) return new TargetGuardResult(true, $"profile '{profile}' may target {host} (allowed by '{entry}').");

        return new TargetGuardResult(false,
            $"the '{profile}' profile refuses target {(host.Length > 0 ? host : target.ToString())}: heavy profiles " +
            $"(stress, soak, spike, breakpoint) only load loopback and allowed hosts. If this host is yours to load, set " +
            $"{TargetAllowList.Variable}={host} (all heavy profiles) or {TargetAllowList.Variable}_{profile.ToUpperInvariant()}={host} (this profile only); " +
            "see docs/ci.md#heavy-profile-guard.");
    }

    /// <summary>
    /// The before-run call: throws <see cref="Execution.LoadTestConfigurationException"/> (LT4070) when a heavy profile
    /// targets a host that is not allowed by <see cref="TargetAllowList.FromEnvironment"/>.
    /// </summary>
    public static void EnsureAllowed(string profileName, Uri target, Func<string, string?> environment)
    {
        var result = Check(profileName, target, TargetAllowList.FromEnvironment(environment));
        if (!result.Allowed) throw new Execution.LoadTestConfigurationException(BaselineCodes.TargetNotAllowed, result.Reason);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static bool Matches(string entry, string host)
    {
        entry = entry.Trim().Trim('[', ']');
        if (entry.StartsWith("*.", StringComparison.Ordinal))
        {
            return host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase) && host.Length > entry.Length - 1;
        }
        if (IPAddress.TryParse(entry, out var allowed) && IPAddress.TryParse(host, out var actual)) return allowed.Equals(actual);
        return entry.Equals(host, StringComparison.OrdinalIgnoreCase);
    }
}
