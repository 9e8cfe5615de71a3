using System.Reflection;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Profiles;

namespace LoadTest.Runtime.Configuration;

/// <summary>
/// Every run setting, read and validated once at the start of a session: the <c>LOADTEST_*</c> environment
/// variables (a runsettings file's <c>RunConfiguration/EnvironmentVariables</c> arrive as environment variables too),
/// <c>BASE_URL</c>, and the assembly metadata the package's MSBuild properties bake into the test assembly.
/// <see cref="Read"/> throws one <see cref="LoadTestConfigurationException"/> naming every refused value, the
/// variable and what it accepts; <see cref="Warnings"/> are for the caller to print.
/// </summary>
public sealed record LoadTestSettings
{
    /// <summary>The target from BASE_URL or the LoadTestBaseUrl property; null when neither is set (a target provider may supply one).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Where <see cref="BaseUrl"/> came from, for the log line.</summary>
    public string? BaseUrlOrigin { get; init; }

    /// <summary>LOADTEST_PROFILE (a known profile name, lower case), or null for the build default.</summary>
    public string? Profile { get; init; }

    /// <summary>The environment's profile overrides (the generated code adds its build-time defaults).</summary>
    public ProfileOverrides ProfileOverrides { get; init; } = new();

    public string ResultsDirectory { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), "loadtest-results");

    public int Seed { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Capacity-plan inputs for the report (checked to exist).</summary>
    public string? CapacityFile { get; init; }

    /// <summary>The generated k6 scripts' folder (LoadTestScriptsDir), whose flow script the report's verification script imports.</summary>
    public string? ScriptsDirectory { get; init; }

    /// <summary>LOADTEST_TIME_SCALE, else the build's LoadTestTimeScale; the report turns measured think time back into real time with it.</summary>
    public double? TimeScale { get; init; }

    public bool Http2 { get; init; }

    public int MaxConnectionsPerHost { get; init; } = RunSettings.DefaultMaxConnectionsPerHost;

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>LOADTEST_BASELINE: a baseline file or folder (resolved by <see cref="BaselineStore"/>).</summary>
    public string? Baseline { get; init; }

    public bool UpdateBaseline { get; init; }

    /// <summary>Hosts heavy profiles may load besides loopback (LOADTEST_ALLOWED_HOSTS and LOADTEST_ALLOWED_HOSTS_&lt;PROFILE&gt;).</summary>
    public TargetAllowList AllowedHosts { get; init; } = TargetAllowList.LoopbackOnly;

    /// <summary>This instance's execution segment (LOADTEST_SEGMENT, LOADTEST_SEGMENT_SEQUENCE); the full test when unset.</summary>
    public ExecutionTuple Segment { get; init; } = ExecutionTuple.Full;

    /// <summary>LOADTEST_THINK_TIME as (min, max) seconds, or null for the flows' own think time.</summary>
    public (double Min, double Max)? ThinkTime { get; init; }

    /// <summary>LOADTEST_DATA_FILE (checked to exist), or null for the build's data file.</summary>
    public string? DataFile { get; init; }

    /// <summary>The credential variables that are set (names only: values never leave the environment).</summary>
    public IReadOnlySet<string> CredentialsSet { get; init; } = new HashSet<string>();

    /// <summary>Settings that are accepted but probably not what was meant (an unknown LOADTEST_* name…): print them.</summary>
    public IReadOnlyList<SettingProblem> Warnings { get; init; } = [];

    /// <summary>
    /// The environment these settings were read from, with switches normalised to "1"/"0", for the parts that take a
    /// lookup (baseline gate, k6-style <c>__ENV</c> checks): they see exactly what was validated.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>The engine's settings for this run.</summary>
    public RunSettings ToRunSettings() => new()
    {
        BaseUrl = BaseUrl,
        ResultsDirectory = ResultsDirectory,
        Seed = Seed,
        Quiet = Quiet,
        Http2 = Http2,
        MaxConnectionsPerHost = MaxConnectionsPerHost,
        InsecureSkipTlsVerify = InsecureSkipTlsVerify,
    };

    /// <summary>Reads the process environment and <paramref name="assembly"/>'s metadata.</summary>
    public static LoadTestSettings FromProcess(Assembly? assembly = null)
    {
        var names = System.Environment.GetEnvironmentVariables().Keys.OfType<string>().ToList();
        return Read(System.Environment.GetEnvironmentVariable, assembly, names);
    }

    /// <summary>
    /// Reads every setting from <paramref name="environment"/> (then <paramref name="assembly"/>'s metadata where a
    /// setting has some). <paramref name="variableNames"/>, when given, lets unknown LOADTEST_* names (typos) be warned about.
    /// </summary>
    public static LoadTestSettings Read(Func<string, string?> environment, Assembly? assembly = null, IEnumerable<string>? variableNames = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new SettingsReader(environment, assembly is null ? null : key => Metadata(assembly, key));
        var baseUrl = ReadBaseUrl(reader);
        var profile = reader.Find(LoadTestVariables.Profile) is { } requested ? ReadProfile(reader, requested) : null;
        var overrides = ProfileOverrides.Read(reader);
        var resultsDirectory = reader.Read(SettingRules.Path,
            reader.Find(LoadTestVariables.ResultsDirectory, LoadTestMetadata.ResultsDirectory), Path.Combine(Directory.GetCurrentDirectory(), "loadtest-results"));
        var seed = reader.Read(SettingRules.Seed, reader.Find(LoadTestVariables.Seed, LoadTestMetadata.Seed), 0);
        var switches = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Switch(string variable, string? metadataKey = null)
        {
            var value = reader.Read(SettingRules.Switch, reader.Find(variable, metadataKey), false);
            switches[variable] = value;
            return value;
        }
        var quiet = Switch(LoadTestVariables.Quiet);
        var http2 = Switch(LoadTestVariables.Http2, LoadTestMetadata.Http2);
        var insecure = Switch(LoadTestVariables.InsecureSkipTlsVerify);
        var updateBaseline = Switch(LoadTestVariables.UpdateBaseline);
        var capacityFile = ExistingFile(reader, reader.Find(LoadTestVariables.CapacityFile, LoadTestMetadata.CapacityFile), "capacity-plan inputs");
        var scriptsDirectory = reader.ReadOptional(SettingRules.Path, reader.FindMetadata(LoadTestMetadata.ScriptsDirectory));
        var timeScale = reader.Environment(LoadTestVariables.TimeScale) is not null
            ? overrides.TimeScale
            : reader.ReadOptional(SettingRules.TimeScale, reader.Find(LoadTestVariables.TimeScale, LoadTestMetadata.TimeScale));
        var maxConnections = reader.Read(SettingRules.MaxConnectionsPerHost, reader.Find(LoadTestVariables.MaxConnectionsPerHost), RunSettings.DefaultMaxConnectionsPerHost);
        var baseline = reader.ReadOptional(SettingRules.Path, reader.Find(LoadTestVariables.Baseline));
        var allowedHosts = ReadAllowedHosts(reader);
        var segment = ReadSegment(reader);
        var thinkTime = reader.ReadOptional(SettingRules.ThinkTime, reader.Find(LoadTestVariables.ThinkTime));
        var dataFile = ExistingFile(reader, reader.Find(LoadTestVariables.DataFile), "data file");
        var credentials = LoadTestVariables.Credentials.Where(name => reader.Environment(name) is not null).ToHashSet(StringComparer.Ordinal);
        if (variableNames is not null) WarnAboutUnknownVariables(reader, variableNames);
        reader.ThrowIfErrors();

        return new LoadTestSettings
        {
            BaseUrl = baseUrl?.Uri,
            BaseUrlOrigin = baseUrl?.Origin,
            Profile = profile,
            ProfileOverrides = overrides,
            ResultsDirectory = resultsDirectory,
            Seed = seed,
            Quiet = quiet,
            CapacityFile = capacityFile,
            ScriptsDirectory = scriptsDirectory,
            TimeScale = timeScale,
            Http2 = http2,
            MaxConnectionsPerHost = maxConnections,
            InsecureSkipTlsVerify = insecure,
            Baseline = baseline,
            UpdateBaseline = updateBaseline,
            AllowedHosts = allowedHosts,
            Segment = segment,
            ThinkTime = thinkTime,
            DataFile = dataFile,
            CredentialsSet = credentials,
            Warnings = reader.Warnings,
            Environment = name => switches.TryGetValue(name, out var on) ? (on ? "1" : "0") : reader.Environment(name),
        };
    }

    /// <summary>
    /// LT4119 when an authenticated plan's credential variables (<see cref="LoadTestPlan.RequiredVariables"/>) are
    /// unset: every request would otherwise carry empty credentials and get 401.
    /// </summary>
    public void EnsureRequiredVariables(LoadTestPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var missing = plan.RequiredVariables.Where(name => string.IsNullOrWhiteSpace(Environment(name))).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return;
        throw new LoadTestConfigurationException(SettingCodes.MissingCredentials,
            $"'{plan.Name}' authenticates with {string.Join(" and ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not set. " +
            $"Set {(missing.Count == 1 ? "it" : "them")} in the environment (e.g. export {missing[0]}=...) or in a runsettings file's " +
            "RunConfiguration/EnvironmentVariables before dotnet test; secrets are read from there only.");
    }

    internal static string? Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static (Uri Uri, string Origin)? ReadBaseUrl(SettingsReader reader)
    {
        if (reader.Find(LoadTestVariables.BaseUrl, LoadTestMetadata.BaseUrl) is not { } text) return null;
        if (Uri.TryCreate(text.Text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return (uri, text.Name == LoadTestVariables.BaseUrl ? "BASE_URL environment variable" : "LoadTestBaseUrl MSBuild property");
        }
        reader.Error(SettingCodes.InvalidBaseUrl, text.Name, $"{text} is not an absolute http(s) URL: use e.g. {LoadTestVariables.BaseUrl}=http://localhost:5000.");
        return null;
    }

    private static string? ReadProfile(SettingsReader reader, SettingText requested)
    {
        if (LoadProfiles.Find(requested.Text) is { } profile) return profile.Name;
        reader.Error(SettingCodes.UnknownProfile, requested.Name,
            $"{requested} is not a profile: use one of {string.Join(", ", LoadProfiles.All.Select(p => p.Name))}.");
        return null;
    }

    private static string? ExistingFile(SettingsReader reader, SettingText? text, string what)
    {
        if (text is not { } setting) return null;
        var path = reader.ReadOptional(SettingRules.Path, setting);
        if (path is null) return null;
        if (File.Exists(path)) return path;
        reader.Error(SettingCodes.InvalidPath, setting.Name,
            $"{setting} names {what} that does not exist ({Path.GetFullPath(path)}): fix the path or unset it.");
        return null;
    }

    private static TargetAllowList ReadAllowedHosts(SettingsReader reader)
    {
        IReadOnlyList<string> Hosts(string variable)
        {
            if (reader.Find(variable) is not { } text) return [];
            var entries = text.Text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = entries.Where(e => !HostEntry.IsValid(e)).ToList();
            if (bad.Count > 0)
            {
                reader.Error(SettingCodes.InvalidAllowedHosts, variable,
                    $"{text} has {string.Join(", ", bad.Select(b => $"'{b}'"))}, which {(bad.Count == 1 ? "is" : "are")} not a host: use host names, IP addresses " +
                    "or *.example.com, separated by commas, without scheme, port or path (e.g. staging.example.com,10.0.0.7).");
            }
            return entries;
        }
        var perProfile = TargetGuard.HeavyProfiles.ToDictionary(
            p => p, p => Hosts($"{LoadTestVariables.AllowedHosts}_{p.ToUpperInvariant()}"), StringComparer.OrdinalIgnoreCase);
        return new TargetAllowList(Hosts(LoadTestVariables.AllowedHosts), perProfile);
    }

    private static ExecutionTuple ReadSegment(SettingsReader reader)
    {
        var segment = reader.Find(LoadTestVariables.Segment);
        var sequence = reader.Find(LoadTestVariables.SegmentSequence);
        if (segment is null)
        {
            if (sequence is { } alone)
            {
                reader.Warning(SettingCodes.IgnoredSetting, alone.Name, $"{alone} has no effect without {LoadTestVariables.Segment}: this process runs the whole test.");
            }
            return ExecutionTuple.Full;
        }
        var described = sequence is null ? segment.Value.ToString() : $"{segment} with {sequence}";
        try
        {
            return ExecutionTuple.FromEnvironment(reader.Environment);
        }
        catch (LoadTestConfigurationException exception)
        {
            reader.Error(exception.Code, segment.Value.Name, $"{described}: {exception.Message[(exception.Code.Length + 2)..]}");
        }
        catch (Exception exception) when (exception is ArithmeticException or FormatException or ArgumentException)
        {
            reader.Error(SettingCodes.InvalidSegment, segment.Value.Name,
                $"{described} is not an execution segment ({exception.Message}): use k6 notation, e.g. 1/3:2/3, or an index into the sequence.");
        }
        return ExecutionTuple.Full;
    }

    private static void WarnAboutUnknownVariables(SettingsReader reader, IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => n.StartsWith("LOADTEST_", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (LoadTestVariables.Known.Contains(name) || LoadTestVariables.KnownPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
            var nearest = LoadTestVariables.Known.MinBy(known => Distance(known, name))!;
            reader.Warning(SettingCodes.UnknownVariable, name,
                $"{name} is set but no LoadTest setting has that name, so it changes nothing" +
                (Distance(nearest, name) <= 3 ? $"; did you mean {nearest}?" : "; see the README's list of LOADTEST_* variables."));
        }
    }

    /// <summary>Edit distance, to suggest the variable a typo meant.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}

/// <summary>What an allow-list entry may be: a host name, an IP address (IPv6 optionally in brackets) or <c>*.domain</c>.</summary>
internal static class HostEntry
{
    public static bool IsValid(string entry)
    {
        var host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        if (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _)) return true;
        return Uri.CheckHostName(host) == UriHostNameType.Dns;
    }
}
